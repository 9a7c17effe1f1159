package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.bench.BenchGenerator;
import dev.cheeseshop.bench.BenchSpec;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.ProjectStore;
import dev.cheeseshop.store.SearchPage;
import dev.cheeseshop.store.SearchQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bulk-loaded database is an ordinary, reproducible metadata store. */
class SqliteBulkLoaderTest {
    private static final BenchSpec SPEC = new BenchSpec(120, 4_000, 11);

    @TempDir
    Path dir;

    private Path load(String name) {
        Path file = dir.resolve(name).resolve("cheeseshop.db");
        try (SqliteBulkLoader loader = SqliteBulkLoader.create(file)) {
            BenchGenerator.generate(SPEC, loader, serial -> { });
            loader.finish(index -> { });
        }
        return file;
    }

    private static List<String> dump(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = conn.createStatement()) {
            for (String table : List.of("users", "projects", "releases", "roles", "journals", "sqlite_sequence")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            row.append('|').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private static String pragma(Path file, String pragma) throws SQLException {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void theSameSpecLoadsTheSameRows() throws SQLException {
        List<String> first = dump(load("a"));

        assertThat(first).hasSizeGreaterThan(4_000);
        assertThat(dump(load("b"))).isEqualTo(first);
    }

    @Test
    void theLoadedFileIsInWalModeWithItsIndexesAndIsReadByTheStore() throws SQLException {
        Path file = load("a");

        assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(file, "integrity_check")).isEqualTo("ok");
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                        + " AND name IN ('projects_normalized_name', 'releases_project_canonical', 'roles_user')")) {
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
        try (MetadataStore store = SqliteStores.open(file, 2)) {
            List<ProjectStore.ProjectListing> listing = store.read(tx -> {
                List<ProjectStore.ProjectListing> all = new ArrayList<>();
                tx.projects().forEach(all::add);
                return all;
            });
            List<JournalEntry> entries = store.read(tx -> {
                List<JournalEntry> all = new ArrayList<>();
                tx.journal().since(Serial.of(3_990), 100, all::add);
                return all;
            });

            assertThat(listing).hasSize(120);
            Optional<Serial> last = store.read(tx -> tx.journal().last());
            assertThat(last).contains(Serial.of(4_000));
            assertThat(entries).extracting(e -> e.serial().value()).containsExactly(
                    3_991L, 3_992L, 3_993L, 3_994L, 3_995L, 3_996L, 3_997L, 3_998L, 3_999L, 4_000L);
            Optional<Project> found = store.read(tx -> tx.projects().find(listing.get(0).normalizedName()));
            assertThat(found).isPresent();
            SearchPage searched = store.read(tx -> tx.search().search(
                    new SearchQuery(listing.get(0).normalizedName(), List.of(), 1, 20)));
            assertThat(searched.hits().get(0).normalizedName()).as("the search index, rebuilt")
                    .isEqualTo(listing.get(0).normalizedName());
            assertThat(store.read(tx -> tx.search().search(new SearchQuery("", List.of(), 1, 20))).total())
                    .isEqualTo(120);
        }
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = conn.createStatement()) {
            s.execute("INSERT INTO project_search_fts (project_search_fts, rank) VALUES ('integrity-check', 1)");
        }
    }
}
