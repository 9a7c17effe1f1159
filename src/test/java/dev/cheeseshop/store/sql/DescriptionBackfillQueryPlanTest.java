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
 * The walk over releases without a stored description ({@code render-descriptions}) reads each
 * page as one range of the primary key, in its order: no sort, no other index. Its PostgreSQL twin
 * is in {@link PostgresQueryPlanTest}.
 */
class DescriptionBackfillQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void aPageOfUndescribedReleasesIsOneRangeOfThePrimaryKey() throws Exception {
        Path db = dir.resolve("cheeseshop.db");
        SqliteStores.open(db, 1).close(); // migrated
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement explain = conn.createStatement();
                ResultSet rs = explain.executeQuery("EXPLAIN QUERY PLAN "
                        + SqlReleases.UNDESCRIBED.replaceFirst("\\?", "10").replaceFirst("\\?", "100"))) {
            List<String> plan = new ArrayList<>();
            while (rs.next()) {
                plan.add(rs.getString("detail"));
            }
            assertThat(plan).containsExactly("SEARCH releases USING INTEGER PRIMARY KEY (rowid>?)");
        }
    }
}
