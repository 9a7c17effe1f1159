package dev.cheeseshop.store;

import java.util.List;

/**
 * The project search index behind {@code /search/} (issue 13): one document per project that is
 * not in quarantine, written in the same transaction as the change it reflects
 * ({@code index.SearchIndexing} decides what goes in it), and searched by name, summary and
 * keywords with classifier filters. SQLite answers full text with FTS5, PostgreSQL with a
 * {@code tsvector}; both rank alike ({@link #search}).
 */
public interface SearchStore {
    /** Puts the project's document in the index, in place of the one it had. */
    void index(long projectId, SearchDocument document);

    /** Takes the project out of the index; nothing when it is not there. */
    void remove(long projectId);

    /**
     * The page of projects matching {@code query}, with how many match in all. A project matches
     * when its normalised name is the query's name key ({@link SearchQuery#nameKey}), starts with
     * it, or its name, summary and keywords hold every term (the last as a prefix); it must carry
     * every filter classifier. Order: the exact name, then the names the key starts, shorter first,
     * then full-text relevance (bm25 on SQLite, ts_rank on PostgreSQL), then the normalised name.
     * A query with neither terms nor filters lists every project by normalised name; one with
     * filters only, the matching ones by name. The query text never reaches SQL as text.
     */
    SearchPage search(SearchQuery query);

    /**
     * The classifiers of the indexed projects, the most common first (then by text), at most
     * {@code limit}, with how many projects carry each.
     */
    List<ClassifierCount> classifiers(int limit);

    /** A classifier and how many indexed projects carry it. */
    record ClassifierCount(String classifier, long projects) {}

    /**
     * Empties the index and fills it from the projects and releases by the rule of
     * {@code index.SearchIndexing}, in SQL: for stores loaded in bulk or copied by {@code migrate}.
     */
    void rebuild();
}
