package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.index.SearchIndexing;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SearchHit;
import dev.cheeseshop.store.SearchQuery;
import dev.cheeseshop.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The V11 migrations index the projects already there by {@link SearchIndexing}'s rule: a
 * database migrated to V9 is filled as the use cases fill it (the release metadata as JSON, the
 * classifier rows), then migrated to the end; what the search answers is what it answers once
 * every project has been refreshed by the use cases' code, and what the rule says, written out.
 */
class SearchBackfillTest {
    private static final List<String> ROWS = List.of(
            "INSERT INTO projects (id, name, normalized_name, created) VALUES (1, 'Cheese_Board', 'cheese-board', 10)",
            "INSERT INTO projects (id, name, normalized_name, created) VALUES (2, 'hidden', 'hidden', 20)",
            "INSERT INTO projects (id, name, normalized_name, created) VALUES (3, 'Reserved', 'reserved', 30)",
            "UPDATE projects SET quarantined_at = 99 WHERE id = 2",
            "INSERT INTO releases (id, project_id, version, canonical_version, summary, metadata, created)"
                    + " VALUES (1, 1, '1.0', '1', 'Aged cheddar',"
                    + " '{\"summary\":[\"Aged cheddar\"],\"keywords\":[\"dairy,old\"],\"classifiers\":[\"A :: B\"]}', 100)",
            "INSERT INTO releases (id, project_id, version, canonical_version, summary, metadata, created)"
                    + " VALUES (2, 1, '2.0', '2', 'Young gouda',"
                    + " '{\"summary\":[\"Young gouda\"],\"keywords\":[\"dairy new\"],\"classifiers\":[\"C :: D\"]}', 200)",
            "INSERT INTO releases (id, project_id, version, canonical_version, summary, metadata, created, quarantined_at)"
                    + " VALUES (3, 1, '3.0', '3', 'Bad brie', '{\"summary\":[\"Bad brie\"],\"classifiers\":[\"E :: F\"]}',"
                    + " 300, 301)",
            "INSERT INTO releases (id, project_id, version, canonical_version, summary, metadata, created)"
                    + " VALUES (4, 2, '1.0', '1', 'Hidden thing', '{\"summary\":[\"Hidden thing\"]}', 400)",
            "INSERT INTO release_classifiers (release_id, classifier) VALUES (1, 'A :: B'), (2, 'C :: D'), (3, 'E :: F')");

    @TempDir
    Path dir;

    @Test
    void sqlite() throws Exception {
        Path file = dir.resolve("cheeseshop.db");
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        fill(dataSource, "sqlite");
        try (MetadataStore store = SqliteStores.open(file, 2)) {
            check(store);
        }
    }

    @Test
    void postgres() throws Exception {
        Postgres.Database database = Postgres.newDatabase();
        Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration/postgresql").target("9").load().migrate();
        try (Connection conn = database.connect(); Statement sql = conn.createStatement()) {
            for (String row : ROWS) {
                sql.execute(row);
            }
        }
        try (MetadataStore store = database.open(2)) {
            check(store);
        }
    }

    private static void fill(DataSource dataSource, String dialect) throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + dialect).target("9").load()
                .migrate();
        try (Connection conn = dataSource.getConnection(); Statement sql = conn.createStatement()) {
            for (String row : ROWS) {
                sql.execute(row);
            }
        }
    }

    private static void check(MetadataStore store) {
        List<Object> backfilled = answers(store);
        assertThat(store.read(tx -> tx.search().search(new SearchQuery("", List.of(), 1, 20))).hits()).containsExactly(
                new SearchHit("Cheese_Board", "cheese-board", "2.0", "Young gouda", micros(10), micros(200)),
                new SearchHit("Reserved", "reserved", null, null, micros(30), null));
        store.write(tx -> {
            for (String name : List.of("cheese-board", "hidden", "reserved")) {
                SearchIndexing.refresh(tx, name);
            }
            return null;
        });
        assertThat(answers(store)).isEqualTo(backfilled);
    }

    private static List<Object> answers(MetadataStore store) {
        List<Object> all = new ArrayList<>();
        for (String text : List.of("", "cheese", "gouda", "cheddar", "brie", "dairy", "new", "old", "hidden", "res")) {
            all.add(store.read(tx -> tx.search().search(new SearchQuery(text, List.of(), 1, 20))));
        }
        for (String classifier : List.of("A :: B", "C :: D", "E :: F")) {
            all.add(store.read(tx -> tx.search().search(new SearchQuery("", List.of(classifier), 1, 20))));
        }
        all.add(store.read(tx -> tx.search().classifiers(10)));
        return all;
    }

    private static Instant micros(long micros) {
        return Instant.EPOCH.plusNanos(micros * 1000);
    }
}
