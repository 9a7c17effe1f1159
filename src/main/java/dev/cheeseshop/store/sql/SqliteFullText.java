package dev.cheeseshop.store.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's full text: the FTS5 table {@code project_search_fts} (V11), ranked by bm25 with the
 * name weighing more than the summary and keywords. An expression is the terms as FTS5 strings
 * ({@code "word"}, a {@code "} inside doubled), implicitly ANDed, the last with {@code *}: FTS5
 * operators, column filters and syntax characters typed by a user are only ever inside a string.
 */
final class SqliteFullText implements FullText {
    static final SqliteFullText INSTANCE = new SqliteFullText();

    private SqliteFullText() {}

    @Override
    public String matches() {
        return "SELECT rowid AS project_id, bm25(project_search_fts, 10.0, 4.0, 4.0) AS relevance"
                + " FROM project_search_fts WHERE project_search_fts MATCH ?";
    }

    @Override
    public String expression(List<String> terms) {
        List<String> quoted = new ArrayList<>();
        for (String term : terms) {
            quoted.add('"' + term.replace("\"", "\"\"") + '"');
        }
        return String.join(" ", quoted) + "*";
    }

    @Override
    public List<String> rebuild() {
        return FullText.rebuild("json_extract(r.metadata, '$.summary[0]')", "json_extract(r.metadata, '$.keywords[0]')");
    }
}
