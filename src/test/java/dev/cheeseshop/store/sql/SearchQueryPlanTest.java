package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project search's statements are answered from indexes on both databases, over 5,000
 * indexed projects with two classifiers each: the exact name is one look-up in
 * {@code project_search_name} and the prefix one range of it, the text goes through the full-text
 * index (SQLite's FTS5 table, PostgreSQL's GIN index), each classifier filter is a range of
 * {@code project_search_classifiers}' primary key, the hits are fetched by primary key, and the
 * listing by name walks {@code project_search_name} in order. No table is scanned.
 */
class SearchQueryPlanTest {
    private static final Object[] TERMS = {"project-7", "project-7", "project-7~"};

    @TempDir
    Path dir;

    @Test
    void sqlite() throws Exception {
        Path db = dir.resolve("cheeseshop.db");
        SqliteStores.open(db, 1).close(); // migrated
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement sql = conn.createStatement()) {
                sql.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                        + " INSERT INTO projects (id, name, normalized_name, created) SELECT i, 'Project_' || i,"
                        + " 'project-' || i, i FROM n");
                fill(sql);
                sql.execute("ANALYZE");
            }
            FullText fullText = SqliteFullText.INSTANCE;
            String match = fullText.expression(List.of("project", "7"));
            List<String> search = sqlitePlan(conn, SqlSearch.pageQuery(fullText, true, 2), TERMS[0], TERMS[1], TERMS[2],
                    match, "Topic :: 7", "License :: 3", 2L, 20L, 0L);
            assertThat(search).as("%s", search)
                    .anySatisfy(step -> assertThat(step).contains("project_search_name (normalized_name=?)"))
                    .anySatisfy(step -> assertThat(step).contains("project_search_name (normalized_name>? AND normalized_name<?)"))
                    .anySatisfy(step -> assertThat(step).contains("VIRTUAL TABLE INDEX").contains(":M"))
                    .anySatisfy(step -> assertThat(step).contains("project_search_classifiers").contains("classifier=?"))
                    .noneSatisfy(step -> assertThat(step).matches("SCAN (project_search|project_search_classifiers|s)\\b(?! USING).*"));
            List<String> count = sqlitePlan(conn, SqlSearch.countQuery(fullText, true, 0), TERMS[0], TERMS[1], TERMS[2],
                    match);
            assertThat(count).as("%s", count).noneSatisfy(step -> assertThat(step).matches("SCAN project_search\\b(?! USING).*"));
            List<String> listing = sqlitePlan(conn, SqlSearch.pageQuery(fullText, false, 0), 20L, 0L);
            assertThat(listing).as("%s", listing).containsExactly("SCAN s USING INDEX project_search_name");
            List<String> filtered = sqlitePlan(conn, SqlSearch.pageQuery(fullText, false, 1), "Topic :: 7", 1L, 20L, 0L);
            assertThat(filtered).as("%s", filtered)
                    .anySatisfy(step -> assertThat(step).contains("project_search_classifiers").contains("classifier=?"))
                    .noneSatisfy(step -> assertThat(step).matches("SCAN project_search_classifiers\\b(?! USING).*"));
        }
    }

    @Test
    void postgres() throws Exception {
        Postgres.Database database = Postgres.newDatabase();
        database.open(1).close(); // migrated
        try (Connection conn = database.connect(); Statement sql = conn.createStatement()) {
            sql.execute("INSERT INTO projects (name, normalized_name, created)"
                    + " SELECT 'Project_' || i, 'project-' || i, i FROM generate_series(1, 5000) i");
            fill(sql);
            sql.execute("VACUUM ANALYZE");
            sql.execute("SET enable_seqscan = off");
            FullText fullText = PostgresFullText.INSTANCE;
            String match = fullText.expression(List.of("project", "7"));
            List<String> search = postgresPlan(conn, SqlSearch.pageQuery(fullText, true, 2), TERMS[0], TERMS[1],
                    TERMS[2], match, "Topic :: 7", "License :: 3", 2L, 20L, 0L);
            assertThat(search).as("%s", search)
                    .anySatisfy(step -> assertThat(step).contains("project_search_name"))
                    .anySatisfy(step -> assertThat(step).contains("Bitmap Index Scan on project_search_vector"))
                    .anySatisfy(step -> assertThat(step).contains("project_search_classifiers_pkey"))
                    .noneSatisfy(step -> assertThat(step).contains("Seq Scan"));
            List<String> listing = postgresPlan(conn, SqlSearch.pageQuery(fullText, false, 0), 20L, 0L);
            assertThat(listing).as("%s", listing)
                    .anySatisfy(step -> assertThat(step).contains("Index Scan using project_search_name"))
                    .noneSatisfy(step -> assertThat(step).contains("Sort"));
        }
    }

    /** 5,000 indexed projects, each with one of 300 topics and one of 40 licenses. */
    private static void fill(Statement sql) throws SQLException {
        sql.execute("INSERT INTO project_search (project_id, normalized_name, display_name, version, summary,"
                + " keywords, created, last_release) SELECT id, normalized_name, name, '1.0',"
                + " 'A project numbered ' || id, 'kw' || (id % 10), created, created FROM projects");
        sql.execute("INSERT INTO project_search_classifiers (project_id, classifier)"
                + " SELECT project_id, 'Topic :: ' || (project_id % 300) FROM project_search"
                + " UNION ALL SELECT project_id, 'License :: ' || (project_id % 40) FROM project_search");
    }

    private static List<String> sqlitePlan(Connection conn, String query, Object... args) throws SQLException {
        return plan(conn, "EXPLAIN QUERY PLAN " + query, "detail", args);
    }

    private static List<String> postgresPlan(Connection conn, String query, Object... args) throws SQLException {
        return plan(conn, "EXPLAIN " + query, null, args);
    }

    private static List<String> plan(Connection conn, String explain, String column, Object... args)
            throws SQLException {
        List<String> plan = new ArrayList<>();
        try (PreparedStatement statement = conn.prepareStatement(explain)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    plan.add((column == null ? rs.getString(1) : rs.getString(column)).strip());
                }
            }
        }
        return plan;
    }
}
