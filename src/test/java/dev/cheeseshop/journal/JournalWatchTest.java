package dev.cheeseshop.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqliteStores;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation moves on after this process's writes and when a poll sees another's. */
class JournalWatchTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void readsLeaveItAndEveryWriteMovesItOnEvenAFailedOne() {
        JournalWatch watch = new JournalWatch();
        try (MetadataStore store = watch.watching(SqliteStores.open(dir.resolve("cheeseshop.db"), 1))) {
            long start = watch.generation();
            store.read(tx -> tx.journal().last());
            assertThat(watch.generation()).isEqualTo(start);
            store.write(tx -> tx.projects().insert(ProjectName.of("demo"), T));
            assertThat(watch.generation()).isGreaterThan(start);
            long afterWrite = watch.generation();
            assertThatThrownBy(() -> store.write(tx -> {
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");
            assertThat(watch.generation()).isGreaterThan(afterWrite);
        }
    }

    @Test
    void aPollMovesItOnlyWhenTheJournalMoved() {
        JournalWatch watch = new JournalWatch();
        Path db = dir.resolve("cheeseshop.db");
        try (MetadataStore mine = watch.watching(SqliteStores.open(db, 1));
                MetadataStore other = SqliteStores.open(db, 1)) {
            watch.poll(mine);
            long polled = watch.generation();
            watch.poll(mine);
            assertThat(watch.generation()).isEqualTo(polled);
            other.write(tx -> {
                Journal.writer(tx, "alice", T).add(tx.projects().insert(ProjectName.of("demo"), T), null, Actions.CREATE);
                return null;
            });
            assertThat(watch.generation()).isEqualTo(polled);
            watch.poll(mine);
            assertThat(watch.generation()).isGreaterThan(polled);
        }
    }
}
