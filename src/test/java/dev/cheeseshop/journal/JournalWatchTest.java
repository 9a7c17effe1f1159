package dev.cheeseshop.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqliteStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation moves on after this process's writes, when a poll sees another's and when a
 * notice of a serial not yet known comes; the known serial can be waited for.
 */
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

    @Test
    void aNoticeMovesItOnOncePerNewSerialAndRaisesTheKnownSerial() throws InterruptedException {
        JournalWatch watch = new JournalWatch();
        long start = watch.generation();
        watch.notified(Serial.of(5));
        assertThat(watch.generation()).isGreaterThan(start);
        assertThat(watch.known()).isEqualTo(Serial.of(5));
        long afterFive = watch.generation();
        watch.notified(Serial.of(3));
        watch.notified(Serial.of(5));
        assertThat(watch.generation()).as("nothing newer than 5").isEqualTo(afterFive);
        assertThat(watch.known()).isEqualTo(Serial.of(5));
        assertThat(watch.awaitKnown(Serial.of(5), Duration.ZERO)).isTrue();
        assertThat(watch.awaitKnown(Serial.of(6), Duration.ZERO)).isFalse();
    }

    @Test
    void aWaiterIsWokenWhenTheSerialIsKnown() throws Exception {
        JournalWatch watch = new JournalWatch();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return watch.awaitKnown(Serial.of(2), Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        watch.notified(Serial.of(1));
        watch.notified(Serial.of(2));
        assertThat(waiter.get(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPollRaisesTheKnownSerial() {
        JournalWatch watch = new JournalWatch();
        try (MetadataStore store = SqliteStores.open(dir.resolve("cheeseshop.db"), 1)) {
            store.write(tx -> {
                Journal.writer(tx, "alice", T).add(tx.projects().insert(ProjectName.of("demo"), T), null, Actions.CREATE);
                return null;
            });
            watch.poll(store);
            assertThat(watch.known()).isEqualTo(Serial.of(1));
            long polled = watch.generation();
            watch.notified(Serial.of(1));
            assertThat(watch.generation()).as("the poll already saw serial 1").isEqualTo(polled);
        }
    }
}
