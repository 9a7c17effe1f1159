package dev.cheeseshop.store.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's full text: the generated {@code project_search.search_vector} (V11, folding accents
 * since V13 through the {@code cheeseshop_search} configuration, which the query uses too) under its
 * GIN index, ranked by {@code ts_rank} (negated: a lower relevance ranks first). An expression is a
 * {@code to_tsquery} text of the terms as quoted lexemes ({@code 'word'}, a quote or backslash
 * inside doubled), ANDed, the last a prefix ({@code :*}): tsquery operators typed by a user are
 * only ever inside a lexeme.
 */
final class PostgresFullText implements FullText {
    static final PostgresFullText INSTANCE = new PostgresFullText();

    private PostgresFullText() {}

    @Override
    public String matches() {
        return "SELECT t.project_id, -ts_rank(t.search_vector, q) AS relevance"
                + " FROM project_search t, to_tsquery('cheeseshop_search'::regconfig, ?) q WHERE t.search_vector @@ q";
    }

    @Override
    public String expression(List<String> terms) {
        List<String> quoted = new ArrayList<>();
        for (String term : terms) {
            quoted.add("'" + term.replace("\\", "\\\\").replace("'", "''") + "'");
        }
        return String.join(" & ", quoted) + ":*";
    }

    @Override
    public List<String> rebuild() {
        return FullText.rebuild("(r.metadata::json -> 'summary') ->> 0", "(r.metadata::json -> 'keywords') ->> 0");
    }
}
