package dev.cheeseshop.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqliteStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serials become visible in commit order: a follower polling "entries after the last serial I
 * saw" never misses one, however the writers interleave. Writers here go through two separate
 * stores on the same database file, as a server and a command-line process would.
 */
class CommitOrderTest {
    private static final int WRITERS = 8;
    private static final int TRANSACTIONS = 40;
    private static final int ENTRIES_PER_TRANSACTION = 3;

    @TempDir
    Path dir;

    /** Opens one more store, with its own pools (another "process"), on this test's one database. */
    @FunctionalInterface
    protected interface StoreOpener {
        MetadataStore open();
    }

    /** This test's database: a SQLite file here; a subclass may choose another backend. */
    protected StoreOpener database() {
        Path db = dir.resolve("cheeseshop.db");
        return () -> SqliteStores.open(db, 2);
    }

    @Test
    void aPollingFollowerSeesEveryEntryExactlyOnceInOrder() throws Exception {
        StoreOpener database = database();
        try (MetadataStore first = database.open();
                MetadataStore second = database.open();
                MetadataStore follower = database.open()) {
            List<Project> projects = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String name = "project-" + i;
                projects.add(first.write(tx -> tx.projects().insert(ProjectName.of(name), Instant.now())));
            }
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<JournalEntry> seen = Collections.synchronizedList(new ArrayList<>());
            Future<?> reader = pool.submit(() -> follow(new Journal(follower), writing, seen));
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                MetadataStore store = i % 2 == 0 ? first : second;
                Project project = projects.get(i);
                writers.add(pool.submit(() -> write(store, project)));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(120, TimeUnit.SECONDS);
            pool.shutdown();

            List<JournalEntry> all = new ArrayList<>();
            new Journal(follower).since(Serial.NONE, all::add);
            assertThat(all).hasSize(WRITERS * TRANSACTIONS * ENTRIES_PER_TRANSACTION);
            assertThat(seen).containsExactlyElementsOf(all);
            assertThat(all).extracting(e -> e.serial().value()).isSorted().doesNotHaveDuplicates();
            for (Project project : projects) {
                long last = all.stream().filter(e -> e.name().equals(project.displayName()))
                        .mapToLong(e -> e.serial().value()).max().orElseThrow();
                assertThat(follower.read(tx -> tx.projects().find(project.normalizedName())).orElseThrow().lastSerial())
                        .isEqualTo(Serial.of(last));
            }
        }
    }

    private static void write(MetadataStore store, Project project) {
        for (int t = 0; t < TRANSACTIONS; t++) {
            String version = "1." + t;
            store.write(tx -> {
                Journal.Writer journal = Journal.writer(tx, "alice", Instant.now());
                for (int e = 0; e < ENTRIES_PER_TRANSACTION; e++) {
                    journal.add(project, version, "entry " + e);
                    tx.projects().find(project.normalizedName()); // more work between append and commit
                }
                return null;
            });
        }
    }

    private static void follow(Journal journal, AtomicBoolean writing, List<JournalEntry> seen) {
        Serial last = Serial.NONE;
        while (true) {
            boolean finalPass = !writing.get();
            List<JournalEntry> batch = new ArrayList<>();
            journal.since(last, batch::add);
            seen.addAll(batch);
            if (!batch.isEmpty()) {
                last = batch.get(batch.size() - 1).serial();
            } else if (finalPass) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
