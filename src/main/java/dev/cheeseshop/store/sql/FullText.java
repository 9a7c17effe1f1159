package dev.cheeseshop.store.sql;

import java.util.List;

/**
 * What the project search does differently per database: how the terms of a query become a
 * full-text expression (always a bound parameter, built from the terms as quoted literals, never
 * parsed from what the user typed), the select of the matching projects with their relevance, and
 * the SQL that rebuilds the index from the projects and releases (the same as the V11 migrations'
 * backfill; the rule it follows is {@code index.SearchIndexing}'s).
 */
interface FullText {
    /**
     * A select of {@code (project_id, relevance)} for the projects whose text matches the one
     * parameter, {@link #expression}; a lower relevance ranks first.
     */
    String matches();

    /** The parameter of {@link #matches} for these terms (non-empty): each term, the last as a prefix. */
    String expression(List<String> terms);

    /** Empties the search tables and fills them again, in this order. */
    List<String> rebuild();

    /** The rows of every dialect's rebuild, from the tables both share. */
    static List<String> rebuild(String summary, String keywords) {
        String newest = "(SELECT n.id FROM releases n WHERE n.project_id = %s AND n.quarantined_at IS NULL"
                + " ORDER BY n.created DESC, n.id DESC LIMIT 1)";
        return List.of(
                "DELETE FROM project_search_classifiers",
                "DELETE FROM project_search",
                "INSERT INTO project_search (project_id, normalized_name, display_name, version, summary, keywords,"
                        + " created, last_release)"
                        + " SELECT p.id, p.normalized_name, p.name, r.version, " + summary + ", " + keywords
                        + ", p.created, r.created FROM projects p LEFT JOIN releases r ON r.id = "
                        + newest.formatted("p.id") + " WHERE p.quarantined_at IS NULL",
                "INSERT INTO project_search_classifiers (project_id, classifier)"
                        + " SELECT s.project_id, c.classifier FROM project_search s"
                        + " JOIN release_classifiers c ON c.release_id = " + newest.formatted("s.project_id"));
    }
}
