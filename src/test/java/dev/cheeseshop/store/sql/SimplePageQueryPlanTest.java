package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project page's files: its releases by an index on project_id, their files by files_release; no scan. */
class SimplePageQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void aPagesFilesAreIndexSearchesWithoutAScan() throws Exception {
        Path db = dir.resolve("cheeseshop.db");
        SqliteStores.open(db, 1).close(); // migrated
        List<String> plan = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement explain = conn.prepareStatement("EXPLAIN QUERY PLAN " + SqlFiles.LISTED)) {
            explain.setLong(1, 1);
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString("detail"));
                }
            }
        }
        assertThat(plan).as("%s", plan).hasSize(2);
        assertThat(plan.get(0)).as("%s", plan).startsWith("SEARCH r USING INDEX releases_project_")
                .contains("project_id=?");
        assertThat(plan.get(1)).as("%s", plan).startsWith("SEARCH f USING INDEX files_release (release_id=?)");
    }
}
