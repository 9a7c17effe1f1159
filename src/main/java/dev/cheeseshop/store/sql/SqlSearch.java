package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.SearchDocument;
import dev.cheeseshop.store.SearchHit;
import dev.cheeseshop.store.SearchPage;
import dev.cheeseshop.store.SearchQuery;
import dev.cheeseshop.store.SearchStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The project search on both databases: the ordinary tables ({@code project_search},
 * {@code project_search_classifiers}) and the ranking are shared SQL, the full text is the
 * dialect's {@link FullText}. A search is two statements, the page and the count, each from a
 * fixed set of texts (one per number of classifier filters), with the query's terms bound.
 *
 * <p>The matches are gathered per project in {@code found}: the exact name (tier 0, one look-up in
 * {@code project_search_name}), the names the key starts (tier 1, a range of it), and the full-text
 * matches (tier 2); a project takes its best tier, then its name's length, then its relevance.
 */
final class SqlSearch implements SearchStore {
    private static final String HIT = "s.display_name, s.normalized_name, s.version, s.summary, s.created, s.last_release";

    /** Past every character a normalised name holds ({@code [a-z0-9-]}): the end of a prefix's range. */
    private static final String PREFIX_END = "~";

    private final Jdbc jdbc;
    private final FullText fullText;

    SqlSearch(Jdbc jdbc, FullText fullText) {
        this.jdbc = jdbc;
        this.fullText = fullText;
    }

    @Override
    public void index(long projectId, SearchDocument doc) {
        remove(projectId);
        jdbc.update("INSERT INTO project_search (project_id, normalized_name, display_name, version, summary, keywords,"
                        + " created, last_release) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                projectId, doc.normalizedName(), doc.displayName(), doc.version(), doc.summary(), doc.keywords(),
                Micros.of(doc.created()), doc.lastRelease() == null ? null : Micros.of(doc.lastRelease()));
        for (String classifier : doc.classifiers()) {
            jdbc.update("INSERT INTO project_search_classifiers (project_id, classifier) VALUES (?, ?)", projectId,
                    classifier);
        }
    }

    /** The classifiers go first: they reference the row (SQLite's trigger takes its full text with it). */
    @Override
    public void remove(long projectId) {
        jdbc.update("DELETE FROM project_search_classifiers WHERE project_id = ?", projectId);
        jdbc.update("DELETE FROM project_search WHERE project_id = ?", projectId);
    }

    @Override
    public SearchPage search(SearchQuery query) {
        List<String> terms = query.terms();
        if (terms.isEmpty() && !query.text().isBlank()) {
            return new SearchPage(query.page(), query.pageSize(), 0, List.of());
        }
        List<Object> args = new ArrayList<>();
        if (!terms.isEmpty()) {
            String key = query.nameKey();
            args.addAll(List.of(key, key, key + PREFIX_END, fullText.expression(terms)));
        }
        args.addAll(query.classifiers());
        if (!query.classifiers().isEmpty()) {
            args.add((long) query.classifiers().size());
        }
        int filters = query.classifiers().size();
        long total = jdbc.one(countQuery(fullText, !terms.isEmpty(), filters), rs -> rs.getLong(1), args.toArray())
                .orElseThrow();
        args.add((long) query.pageSize());
        args.add(query.offset());
        List<SearchHit> hits = jdbc.list(pageQuery(fullText, !terms.isEmpty(), filters), SqlSearch::hit,
                args.toArray());
        return new SearchPage(query.page(), query.pageSize(), total, hits);
    }

    /**
     * The page's select: with {@code terms}, parameters (key, key, key's range end, expression),
     * then each of the {@code filters} classifiers and their count, then LIMIT and OFFSET.
     */
    static String pageQuery(FullText fullText, boolean terms, int filters) {
        return "SELECT " + HIT + " FROM " + from(fullText, terms) + where(filters) + " ORDER BY "
                + (terms ? "k.tier, k.name_length, k.relevance, s.normalized_name" : "s.normalized_name")
                + " LIMIT ? OFFSET ?";
    }

    /** The count of every match, with the parameters of {@link #pageQuery} but LIMIT and OFFSET. */
    static String countQuery(FullText fullText, boolean terms, int filters) {
        return "SELECT COUNT(*) FROM " + from(fullText, terms) + where(filters);
    }

    private static String from(FullText fullText, boolean terms) {
        return terms ? ranked(fullText) + " k JOIN project_search s ON s.project_id = k.project_id" : "project_search s";
    }

    /** The projects carrying every filter: one range of the primary key per classifier, counted per project. */
    private static String where(int filters) {
        return filters == 0 ? "" : " WHERE s.project_id IN (SELECT project_id FROM project_search_classifiers"
                + " WHERE classifier IN (" + "?, ".repeat(filters - 1) + "?) GROUP BY project_id HAVING COUNT(*) = ?)";
    }

    /** Each matching project once, with its best tier, name length (tier 1) and relevance (0 without a text match). */
    private static String ranked(FullText fullText) {
        return "(SELECT project_id, MIN(tier) AS tier, COALESCE(MIN(name_length), 0) AS name_length,"
                + " COALESCE(MIN(relevance), 0) AS relevance FROM ("
                + "SELECT project_id, 0 AS tier, CAST(NULL AS BIGINT) AS name_length,"
                + " CAST(NULL AS DOUBLE PRECISION) AS relevance FROM project_search"
                + " WHERE normalized_name = ?"
                + " UNION ALL SELECT project_id, 1, length(normalized_name), NULL FROM project_search"
                + " WHERE normalized_name > ? AND normalized_name < ?"
                + " UNION ALL SELECT m.project_id, 2, NULL, CAST(m.relevance AS DOUBLE PRECISION)"
                + " FROM (" + fullText.matches() + ") m"
                + ") f GROUP BY project_id)";
    }

    @Override
    public List<ClassifierCount> classifiers(int limit) {
        return jdbc.list("SELECT classifier, COUNT(*) AS projects FROM project_search_classifiers GROUP BY classifier"
                        + " ORDER BY projects DESC, classifier LIMIT ?",
                rs -> new ClassifierCount(rs.getString(1), rs.getLong(2)), limit);
    }

    @Override
    public void rebuild() {
        for (String statement : fullText.rebuild()) {
            jdbc.update(statement);
        }
    }

    private static SearchHit hit(ResultSet rs) throws SQLException {
        long lastRelease = rs.getLong(6);
        boolean released = !rs.wasNull();
        return new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Micros.toInstant(rs.getLong(5)), released ? Micros.toInstant(lastRelease) : null);
    }
}
