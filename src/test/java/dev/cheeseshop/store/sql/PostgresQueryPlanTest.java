package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL twins of the SQLite query-plan tests: the journal, browse and count queries are
 * answered from indexes. The tables hold enough rows for the planner's choice to mean something,
 * are analysed, and sequential scans are priced out ({@code enable_seqscan = off}): a query with
 * no index to use still scans its table, and fails here.
 */
class PostgresQueryPlanTest {
    private static Connection conn;

    @BeforeAll
    static void fill() throws SQLException {
        Postgres.Database database = Postgres.newDatabase();
        database.open(1).close(); // migrated
        conn = database.connect();
        try (Statement sql = conn.createStatement()) {
            sql.execute("INSERT INTO projects (name, normalized_name, created)"
                    + " SELECT 'Project_' || i, 'project-' || i, i FROM generate_series(1, 5000) i");
            sql.execute("INSERT INTO releases (project_id, version, canonical_version, metadata, created)"
                    + " SELECT id, v || '.0', v || '', '{}', id * 10 + v FROM projects, generate_series(1, 4) v");
            sql.execute("INSERT INTO release_classifiers (release_id, classifier)"
                    + " SELECT id, 'Topic :: ' || (id % 300) FROM releases"
                    + " UNION ALL SELECT id, 'License :: ' || (id % 40) FROM releases");
            sql.execute("INSERT INTO files (release_id, filename, packagetype, python_version, size, md5_digest,"
                    + " sha256_digest, blake2_256_digest, upload_time, path)"
                    + " SELECT id, 'f' || id || '.tar.gz', 'sdist', 'source', 1, 'm', 's' || id, 'b' || id, 0,"
                    + " 'p' || id FROM releases");
            sql.execute("INSERT INTO journals (name, version, action, submitted_date, submitted_by)"
                    + " SELECT 'Project_' || CASE WHEN i % 50 = 0 THEN 7 ELSE i % 5000 END, NULL, 'create', i,"
                    + " 'someone' FROM generate_series(1, 50000) i");
            sql.execute("VACUUM ANALYZE");
            sql.execute("SET enable_seqscan = off");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        conn.close();
    }

    /** One project holds a thousand entries: a page of them comes off its index in order, unsorted. */
    @Test
    void aProjectsJournalPageIsOneRangeOfItsIndexWithoutASort() throws SQLException {
        List<String> plan = plan(SqlJournal.PROJECT_QUERY, "project-7", 10L, 100L);
        assertThat(plan).as("%s", plan)
                .anySatisfy(step -> assertThat(step).contains("Index Scan using journals_project on journals"))
                .noneSatisfy(step -> assertThat(step).containsAnyOf("Seq Scan", "Sort"));
    }

    /** The web page's history: the newest entries of one project, off the same index read backwards. */
    @Test
    void aProjectsNewestEntriesAreOneBackwardRangeOfItsIndexWithoutASort() throws SQLException {
        List<String> plan = plan(SqlJournal.NEWEST_PROJECT_QUERY, "project-7", 30L);
        assertThat(plan).as("%s", plan)
                .anySatisfy(step -> assertThat(step).contains("Index Scan Backward using journals_project on journals"))
                .noneSatisfy(step -> assertThat(step).containsAnyOf("Seq Scan", "Sort"));
    }

    @Test
    void theChangelogIsOneRangeOfThePrimaryKey() throws SQLException {
        List<String> plan = plan("SELECT id, name, version, action, submitted_date, submitted_by FROM journals"
                + " WHERE id > ? ORDER BY id LIMIT ?", 1000L, 50000L);
        assertThat(plan).as("%s", plan)
                .anySatisfy(step -> assertThat(step).contains("Index Scan using journals_pkey on journals"))
                .noneSatisfy(step -> assertThat(step).containsAnyOf("Seq Scan", "Sort"));
    }

    @Test
    void aPageOfUndescribedReleasesIsOneRangeOfThePrimaryKey() throws SQLException {
        List<String> plan = plan(SqlReleases.UNDESCRIBED, 1000L, 100);
        assertThat(plan).as("%s", plan)
                .anySatisfy(step -> assertThat(step).contains("Index Scan using releases_pkey on releases"))
                .noneSatisfy(step -> assertThat(step).containsAnyOf("Seq Scan", "Sort"));
    }

    @Test
    void browseLooksClassifiersUpInTheirIndexAndScansNoTable() throws SQLException {
        List<String> plan = plan(SqlReleases.browseQuery(2), "Topic :: 7", "License :: 7", 2L);
        assertThat(plan).as("%s", plan)
                .anySatisfy(step -> assertThat(step).contains("release_classifiers_classifier"))
                .anySatisfy(step -> assertThat(step).contains("using releases_pkey"))
                .anySatisfy(step -> assertThat(step).contains("using projects_pkey"))
                .noneSatisfy(step -> assertThat(step).contains("Seq Scan"));
    }

    @Test
    void eachCountScansAnIndexNotItsTable() throws SQLException {
        for (String count : List.of(SqlProjects.COUNT, SqlReleases.COUNT, SqlFiles.COUNT)) {
            List<String> plan = plan(count);
            assertThat(plan).as("%s: %s", count, plan)
                    .anySatisfy(step -> assertThat(step).contains("Index Only Scan"))
                    .noneSatisfy(step -> assertThat(step).contains("Seq Scan"));
        }
    }

    private static List<String> plan(String query, Object... args) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (PreparedStatement explain = conn.prepareStatement("EXPLAIN " + query)) {
            for (int i = 0; i < args.length; i++) {
                explain.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1).strip());
                }
            }
        }
        return plan;
    }
}
