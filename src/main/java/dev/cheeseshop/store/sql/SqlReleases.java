package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.ReleaseStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

final class SqlReleases implements ReleaseStore {
    private static final String COLUMNS =
            "id, project_id, version, canonical_version, metadata, yanked, yanked_reason, created, quarantined_at";

    /**
     * SQLite answers it from the smallest index (releases_created), not the table; PostgreSQL can, by an
     * index-only scan (PostgresQueryPlanTest).
     */
    static final String COUNT = "SELECT COUNT(*) FROM releases";

    private final Jdbc jdbc;

    SqlReleases(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Release> find(long projectId, String canonicalVersion) {
        return jdbc.one("SELECT " + COLUMNS + " FROM releases WHERE project_id = ? AND canonical_version = ?",
                SqlReleases::map, projectId, canonicalVersion);
    }

    @Override
    public Release insert(long projectId, String version, String canonicalVersion, ReleaseMetadata metadata,
            Instant created, StoredDescription description) {
        long id = jdbc.insert("INSERT INTO releases (project_id, version, canonical_version, requires_python,"
                        + " summary, metadata, yanked, yanked_reason, created, description_html,"
                        + " description_renderer, description_problem)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?) RETURNING id",
                projectId, version, canonicalVersion, metadata.first("requires_python").orElse(null),
                metadata.first("summary").orElse(null), MetadataJson.write(metadata), false,
                Micros.of(created), description == null ? null : description.html(),
                description == null ? null : description.renderer(),
                description == null ? null : description.problem());
        for (String classifier : new LinkedHashSet<>(metadata.all("classifiers"))) {
            jdbc.update("INSERT INTO release_classifiers (release_id, classifier) VALUES (?, ?)", id, classifier);
        }
        return new Release(id, projectId, version, canonicalVersion, metadata, false, null, created);
    }

    /** A row with no renderer was never rendered (the HTML of an empty description is the empty string). */
    @Override
    public Optional<StoredDescription> description(long releaseId) {
        return jdbc.one("SELECT description_html, description_renderer, description_problem FROM releases"
                        + " WHERE id = ? AND description_renderer IS NOT NULL",
                rs -> new StoredDescription(rs.getString(1), rs.getString(2), rs.getString(3)), releaseId);
    }

    @Override
    public void setDescription(long releaseId, StoredDescription description) {
        jdbc.update("UPDATE releases SET description_html = ?, description_renderer = ?, description_problem = ?"
                + " WHERE id = ?", description.html(), description.renderer(), description.problem(), releaseId);
    }

    /** A range of the primary key, filtered; a table scan nowhere (the query-plan tests). */
    static final String UNDESCRIBED = "SELECT " + COLUMNS + " FROM releases WHERE id > ? AND description_renderer IS NULL"
            + " ORDER BY id LIMIT ?";

    @Override
    public List<Release> undescribed(long afterId, int limit) {
        return jdbc.list(UNDESCRIBED, SqlReleases::map, afterId, limit);
    }

    @Override
    public List<Release> forProject(long projectId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM releases WHERE project_id = ? ORDER BY id",
                SqlReleases::map, projectId);
    }

    /** Explicit deletes rather than the schema's cascades, so the rows a release takes with it are named here. */
    @Override
    public void delete(long releaseId) {
        jdbc.update("DELETE FROM files WHERE release_id = ?", releaseId);
        jdbc.update("DELETE FROM release_classifiers WHERE release_id = ?", releaseId);
        jdbc.update("DELETE FROM releases WHERE id = ?", releaseId);
    }

    @Override
    public void setQuarantined(long releaseId, Instant since) {
        jdbc.update("UPDATE releases SET quarantined_at = ? WHERE id = ?", since == null ? null : Micros.of(since),
                releaseId);
    }

    @Override
    public void setYanked(long releaseId, boolean yanked, String reason) {
        jdbc.update("UPDATE releases SET yanked = ?, yanked_reason = ? WHERE id = ?", yanked, yanked ? reason : null,
                releaseId);
    }

    /**
     * One look-up per given classifier in {@code release_classifiers_classifier}, grouped by release:
     * a release has all of them when every one matched (the primary key makes each pair unique).
     */
    @Override
    public void withAllClassifiers(List<String> classifiers, Consumer<NamedRelease> sink) {
        if (classifiers.isEmpty()) {
            return;
        }
        Object[] args = new Object[classifiers.size() + 1];
        classifiers.toArray(args);
        args[classifiers.size()] = (long) classifiers.size();
        jdbc.each(browseQuery(classifiers.size()), rs -> new NamedRelease(rs.getString(1), rs.getString(2)), sink,
                args);
    }

    static String browseQuery(int classifiers) {
        return "SELECT p.name, r.version FROM release_classifiers c"
                + " JOIN releases r ON r.id = c.release_id JOIN projects p ON p.id = r.project_id"
                + " WHERE c.classifier IN (" + "?, ".repeat(classifiers - 1) + "?)"
                + " GROUP BY r.id, p.name, r.version HAVING COUNT(*) = ? ORDER BY p.name, r.version";
    }

    @Override
    public List<ProjectRelease> newest(int limit) {
        return jdbc.list("SELECT r.id, r.project_id, r.version, r.canonical_version, r.metadata, r.yanked,"
                        + " r.yanked_reason, r.created, r.quarantined_at, p.name, p.created, p.last_serial"
                        + " FROM releases r JOIN projects p ON p.id = r.project_id"
                        + " WHERE r.quarantined_at IS NULL AND p.quarantined_at IS NULL"
                        + " ORDER BY r.created DESC, r.id DESC LIMIT ?",
                rs -> new ProjectRelease(new Project(rs.getLong(2), ProjectName.of(rs.getString(10)),
                        Micros.toInstant(rs.getLong(11)), Serial.of(rs.getLong(12))), map(rs)),
                limit);
    }

    @Override
    public List<Release> newestOf(long projectId, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM releases WHERE project_id = ? AND quarantined_at IS NULL"
                + " ORDER BY created DESC, id DESC LIMIT ?", SqlReleases::map, projectId, limit);
    }

    @Override
    public long count() {
        return jdbc.one(COUNT, rs -> rs.getLong(1)).orElseThrow();
    }

    private static Release map(ResultSet rs) throws SQLException {
        return new Release(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                MetadataJson.read(rs.getString(5)), rs.getBoolean(6), rs.getString(7),
                Micros.toInstant(rs.getLong(8)), rs.getObject(9) != null);
    }
}
