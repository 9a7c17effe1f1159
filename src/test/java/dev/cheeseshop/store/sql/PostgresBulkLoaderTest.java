package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.bench.BenchGenerator;
import dev.cheeseshop.bench.BenchSpec;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SearchPage;
import dev.cheeseshop.store.SearchQuery;
import dev.cheeseshop.store.StoreException;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.testing.Postgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench-data --database postgresql://...}: the generated index loaded with COPY into a real
 * PostgreSQL holds exactly what the SQLite loader writes for the same seed (every project with its
 * last serial, every journal entry, every release and role, read back through each store), its
 * indexes are back, its sequences are past the loaded ids, and a database that is not empty is
 * refused.
 */
class PostgresBulkLoaderTest {
    private static final BenchSpec SPEC = new BenchSpec(300, 2_000, 7);

    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameIndexAsTheSqliteLoader() throws Exception {
        Path sqliteFile = dir.resolve("cheeseshop.db");
        try (SqliteBulkLoader sqlite = SqliteBulkLoader.create(sqliteFile)) {
            BenchGenerator.generate(SPEC, sqlite, serial -> { });
            sqlite.finish(index -> { });
        }
        Postgres.Database database = Postgres.newDatabase();
        List<String> built = new ArrayList<>();
        try (PostgresBulkLoader postgres = PostgresBulkLoader.create(database.url(), database.password())) {
            BenchGenerator.generate(SPEC, postgres, serial -> { });
            postgres.finish(built::add);
        }
        assertThat(built).as("the secondary indexes, created again").anyMatch(i -> i.contains("journals_project"))
                .anyMatch(i -> i.contains("projects_listing")).anyMatch(i -> i.contains("releases_project_canonical"));

        try (MetadataStore expected = SqliteStores.open(sqliteFile, 1); MetadataStore actual = database.open(2)) {
            assertThat(dump(actual)).isEqualTo(dump(expected)).hasSizeGreaterThan(SPEC.projects());
            for (int page = 1; page <= 3; page++) {
                SearchQuery listing = new SearchQuery("", List.of(), page, 50);
                SearchPage loaded = actual.read(tx -> tx.search().search(listing));
                assertThat(loaded).as("the search index, rebuilt").isEqualTo(expected.read(tx -> tx.search().search(listing)));
                assertThat(loaded.total()).isEqualTo(SPEC.projects());
            }
            Project added = actual.write(tx -> tx.projects().insert(ProjectName.of("after-the-load"), Instant.EPOCH));
            assertThat(added.id()).as("the identity sequence is past the loaded ids").isGreaterThan(SPEC.projects());
        }
    }

    @Test
    void aDatabaseThatIsNotEmptyIsRefused() {
        Postgres.Database database = Postgres.newDatabase();
        try (MetadataStore store = database.open(1)) {
            store.write(tx -> tx.projects().insert(ProjectName.of("already-here"), Instant.EPOCH));
        }
        assertThatThrownBy(() -> PostgresBulkLoader.create(database.url(), database.password()))
                .isInstanceOf(StoreException.class).hasMessageContaining("not empty");
    }

    /** Every project (last serial, releases, roles) and the whole journal, as text lines. */
    private static List<String> dump(MetadataStore store) {
        List<String> out = new ArrayList<>();
        store.read((Transaction tx) -> {
            List<String> names = new ArrayList<>();
            tx.projects().forEachLastSerial((name, serial) -> names.add(name));
            for (String name : names) {
                Project project = tx.projects().find(ProjectName.normalize(name)).orElseThrow();
                out.add("project " + project.id() + " " + name + " " + project.created() + " " + project.lastSerial());
                for (Release r : tx.releases().forProject(project.id())) {
                    out.add("  release " + r.id() + " " + r.version() + " " + r.canonicalVersion() + " " + r.yanked()
                            + " " + r.created() + " " + r.metadata());
                }
                tx.roles().forProject(project.id()).forEach(g -> out.add("  role " + g.role() + " " + g.username()));
            }
            List<JournalEntry> journal = new ArrayList<>();
            tx.journal().since(Serial.NONE, Integer.MAX_VALUE, journal::add);
            journal.forEach(e -> out.add("journal " + e));
            tx.users().list("", Integer.MAX_VALUE).forEach(u -> out.add("user " + u.id() + " " + u.username() + " "
                    + u.created() + " " + u.passwordHash()));
            return null;
        });
        return out;
    }
}
