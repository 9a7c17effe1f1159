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

/**
 * One project's journal page is one range of {@code journals_project}, already in serial order:
 * no scan of the journal and no sort.
 */
class JournalQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void aProjectsJournalPageIsOneRangeOfItsIndexWithoutASort() throws Exception {
        Path db = dir.resolve("cheeseshop.db");
        SqliteStores.open(db, 1).close(); // migrated
        List<String> plan = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement explain = conn.prepareStatement("EXPLAIN QUERY PLAN " + SqlJournal.PROJECT_QUERY)) {
            explain.setString(1, "some-project");
            explain.setLong(2, 10);
            explain.setLong(3, 100);
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString("detail"));
                }
            }
        }
        assertThat(plan).as("%s", plan).hasSize(1);
        assertThat(plan.get(0)).as("%s", plan).startsWith("SEARCH journals USING INDEX journals_project")
                .contains("rowid>?");
    }

    @Test
    void aProjectsNewestEntriesAreOneBackwardRangeOfItsIndexWithoutASort() throws Exception {
        Path db = dir.resolve("newest.db");
        SqliteStores.open(db, 1).close(); // migrated
        List<String> plan = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement explain = conn.prepareStatement("EXPLAIN QUERY PLAN " + SqlJournal.NEWEST_PROJECT_QUERY)) {
            explain.setString(1, "some-project");
            explain.setLong(2, 30);
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString("detail"));
                }
            }
        }
        assertThat(plan).as("%s", plan).hasSize(1);
        assertThat(plan.get(0)).as("%s", plan).startsWith("SEARCH journals USING INDEX journals_project");
    }
}
