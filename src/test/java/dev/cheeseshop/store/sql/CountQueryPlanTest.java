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
 * The landing page's counts read an index, never a table: SQLite's {@code COUNT(*)} walks the
 * smallest index of the table, whose pages are a fraction of the table's.
 */
class CountQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void eachCountScansACoveringIndexNotItsTable() throws Exception {
        Path db = dir.resolve("cheeseshop.db");
        SqliteStores.open(db, 1).close(); // migrated
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(plan(conn, SqlProjects.COUNT)).containsExactly("SCAN projects USING COVERING INDEX projects_created");
            assertThat(plan(conn, SqlReleases.COUNT)).containsExactly("SCAN releases USING COVERING INDEX releases_created");
            assertThat(plan(conn, SqlFiles.COUNT)).containsExactly("SCAN files USING COVERING INDEX files_release");
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
