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
 * {@code browse}'s query is answered from indexes: one look-up per classifier in
 * {@code release_classifiers_classifier}, then releases and projects by primary key; never a scan
 * of a table.
 */
class BrowseQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void browseLooksClassifiersUpInTheirIndexAndScansNoTable() throws Exception {
        Path db = dir.resolve("cheeseshop.db");
        SqliteStores.open(db, 1).close(); // migrated
        List<String> plan = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement explain = conn.prepareStatement("EXPLAIN QUERY PLAN " + SqlReleases.browseQuery(2))) {
            explain.setString(1, "A :: B");
            explain.setString(2, "C :: D");
            explain.setLong(3, 2);
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString("detail"));
                }
            }
        }
        assertThat(plan).as("%s", plan)
                .anySatisfy(step -> assertThat(step).contains("SEARCH c USING").contains("release_classifiers_classifier"))
                .anySatisfy(step -> assertThat(step).contains("SEARCH r USING INTEGER PRIMARY KEY"))
                .anySatisfy(step -> assertThat(step).contains("SEARCH p USING INTEGER PRIMARY KEY"))
                .noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
    }
}
