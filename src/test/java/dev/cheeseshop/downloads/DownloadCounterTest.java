package dev.cheeseshop.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.DownloadStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counter on a real SQLite store: downloads counted by many threads while another flushes
 * over and over all reach the store, each exactly once; a day's counter is dated by the clock and
 * retired once idle; a failed write keeps its counts for the next flush.
 */
class DownloadCounterTest {
    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    private static final long MARCH_10 = 20522;

    @TempDir
    Path dir;

    private MetadataStore store;
    private long project;
    private List<Long> files;

    @BeforeEach
    void open() {
        store = SqliteStores.open(dir.resolve("cheeseshop.db"), 4);
        files = store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("demo"), T0);
            project = p.id();
            long release = tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "demo-1.0-" + i + ".tar.gz";
                Digests digests = new Digests(Integer.toString(i).repeat(32), Integer.toString(i).repeat(64),
                        Integer.toString(i).repeat(64));
                ids.add(tx.files().insert(new DistFile(0, release, name, PackageType.sdist, "source", 1, digests, null,
                        T0, digests.storagePath(name), null, "test")).id());
            }
            return ids;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyDownloadCountedDuringFlushesReachesTheStoreOnce() throws Exception {
        DownloadCounter counter = new DownloadCounter(store, new MutableClock(T0));
        int threads = 4;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean counting = new AtomicBoolean(true);
        try {
            List<Future<?>> counters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                counters.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        counter.record(files.get((thread + i) % files.size()));
                    }
                    return null;
                }));
            }
            Future<Integer> flushes = pool.submit(() -> {
                go.await();
                int n = 0;
                while (counting.get()) {
                    counter.flush();
                    n++;
                }
                return n;
            });
            go.countDown();
            for (Future<?> f : counters) {
                f.get();
            }
            counting.set(false);
            assertThat(flushes.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        counter.flush();

        assertThat(counter.pending()).isZero();
        assertThat(daily()).isEqualTo(Map.of(MARCH_10, (long) threads * each));
        List<DownloadStore.FileDownloads> perFile = store.read(tx -> tx.downloads().filesForProject(project, MARCH_10));
        assertThat(perFile).hasSize(files.size()).allSatisfy(file -> assertThat(file.downloads()).isEqualTo((long) threads * each / files.size()));
    }

    @Test
    void downloadsAreDatedByTheClocksUtcDayAndAPastDaysCounterIsRetiredOnceIdle() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T23:59:59.999Z"));
        DownloadCounter counter = new DownloadCounter(store, clock);
        counter.record(files.get(0));
        clock.advance(Duration.ofMillis(1)); // midnight: 11 March
        counter.record(files.get(0));
        counter.record(files.get(1));
        assertThat(counter.today()).isEqualTo(MARCH_10 + 1);

        assertThat(counter.flush()).isEqualTo(3);
        counter.record(files.get(0));
        assertThat(counter.flush()).isEqualTo(1);
        assertThat(counter.flush()).isZero();
        assertThat(daily()).isEqualTo(Map.of(MARCH_10, 1L, MARCH_10 + 1, 3L));
    }

    @Test
    void theGenerationMovesOnlyWhenTodaysTotalOrTheDayChangesWhoeverFlushed() {
        MutableClock clock = new MutableClock(T0);
        DownloadCounter mine = new DownloadCounter(store, clock);
        DownloadCounter theirs = new DownloadCounter(store, clock); // another process on the same database
        long start = mine.generation();
        mine.flush();
        assertThat(mine.generation()).as("nothing downloaded anywhere").isEqualTo(start);

        mine.record(files.get(0));
        mine.flush();
        long afterMine = mine.generation();
        assertThat(afterMine).isGreaterThan(start);
        mine.flush();
        assertThat(mine.generation()).isEqualTo(afterMine);

        theirs.record(files.get(1));
        theirs.flush();
        mine.flush();
        long afterTheirs = mine.generation();
        assertThat(afterTheirs).as("another process's flush").isGreaterThan(afterMine);

        clock.advance(Duration.ofDays(1));
        mine.flush();
        assertThat(mine.generation()).as("a new day").isGreaterThan(afterTheirs);
    }

    @Test
    void aFailedFlushKeepsItsCountsForTheNext() {
        MetadataStore closed = SqliteStores.open(dir.resolve("cheeseshop.db"), 1);
        closed.close();
        DownloadCounter failing = new DownloadCounter(closed, new MutableClock(T0));
        failing.record(files.get(2));
        failing.record(files.get(2));
        long generation = failing.generation();
        try {
            failing.flush();
        } catch (RuntimeException expected) {
            // the pool is closed
        }
        assertThat(failing.pending()).isEqualTo(2);
        assertThat(failing.generation()).isGreaterThan(generation);
        assertThat(daily()).isEmpty();
    }

    private Map<Long, Long> daily() {
        return store.read(tx -> tx.downloads().dailyForProject(project, 0));
    }
}
