package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy cache's reads on SQLite, each by its index (PostgreSQL's are held to theirs by
 * {@code PostgresIndexUsageTest}): a page's files and one file by upstream_files_project_filename
 * (the project by its name first), the kept files (their bytes, least recently used first) by the
 * partial index upstream_files_kept in its order, who names a key by the key's partial index.
 */
class UpstreamQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void everyReadOfTheCacheSearchesItsIndex() throws Exception {
        Path db = dir.resolve("cheeseshop.db");
        SqliteStores.open(db, 1).close(); // migrated
        String project = "SEARCH upstream_projects USING COVERING INDEX upstream_projects_normalized_name"
                + " (normalized_name=?)";
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(plan(conn, SqlUpstream.FILES_OF_PROJECT)).containsExactly(
                    "SEARCH f USING INDEX upstream_files_project_filename (project_id=?)", "USE TEMP B-TREE FOR ORDER BY");
            assertThat(plan(conn, SqlUpstream.STORED))
                    .containsExactly("SEARCH f USING INDEX upstream_files_project_filename (project_id=?)");
            assertThat(plan(conn, SqlUpstream.FILE)).containsExactly(
                    "SEARCH f USING INDEX upstream_files_project_filename (project_id=? AND filename=?)",
                    "SCALAR SUBQUERY 1", project);
            assertThat(plan(conn, SqlUpstream.PURGED_KEYS)).containsExactly(
                    "SEARCH f USING INDEX upstream_files_project_filename (project_id=?)", "SCALAR SUBQUERY 1", project);
            assertThat(plan(conn, SqlUpstream.KEPT_BYTES)).containsExactly("SCAN f USING INDEX upstream_files_kept");
            assertThat(plan(conn, SqlUpstream.LEAST_RECENTLY_USED))
                    .containsExactly("SCAN f USING INDEX upstream_files_kept");
            assertThat(plan(conn, SqlUpstream.NAMES_BLOB))
                    .containsExactly("SEARCH upstream_files USING COVERING INDEX upstream_files_blob_key (blob_key=?)");
            assertThat(plan(conn, SqlUpstream.NAMES_METADATA)).containsExactly(
                    "SEARCH upstream_files USING COVERING INDEX upstream_files_metadata_key (metadata_key=?)");
            assertThat(plan(conn, SqlUpstream.FORGET_BLOB))
                    .containsExactly("SEARCH upstream_files USING INDEX upstream_files_blob_key (blob_key=?)");
            assertThat(plan(conn, SqlUpstream.FORGET_METADATA))
                    .containsExactly("SEARCH upstream_files USING INDEX upstream_files_metadata_key (metadata_key=?)");
            assertThat(plan(conn, SqlUpstream.KEPT_AFTER)).containsExactly("SEARCH f USING INTEGER PRIMARY KEY (rowid>?)");
        }
    }

    private static List<String> plan(Connection conn, String query) throws Exception {
        List<String> plan = new ArrayList<>();
        try (Statement explain = conn.createStatement();
                ResultSet rs = explain.executeQuery("EXPLAIN QUERY PLAN " + query)) {
            while (rs.next()) {
                plan.add(rs.getString("detail"));
            }
        }
        return plan;
    }
}
