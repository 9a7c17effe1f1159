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
 * Leaving quarantined projects and releases out costs no table scan: the two project listings
 * stay scans of the covering index {@code projects_listing} in its order (no sort, no table read),
 * and a download stays one look-up by {@code files_path} and two by primary key.
 */
class QuarantineQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void listingsScanTheCoveringIndexAndADownloadLooksUpByKeys() throws Exception {
        Path db = dir.resolve("cheeseshop.db");
        SqliteStores.open(db, 1).close(); // migrated
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(plan(conn, SqlProjects.LISTING))
                    .containsExactly("SCAN projects USING COVERING INDEX projects_listing");
            assertThat(plan(conn, SqlProjects.LAST_SERIALS))
                    .containsExactly("SCAN projects USING COVERING INDEX projects_listing");
            assertThat(plan(conn, SqlFiles.SERVABLE.replace("?", "'ab/cd/x.whl'"))).containsExactly(
                    "SEARCH f USING INDEX files_path (path=?)",
                    "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)",
                    "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)");
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
