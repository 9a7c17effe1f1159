package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UpstreamBlobs;
import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.CacheSeed;
import dev.cheeseshop.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CacheBound} on SQLite and files: a keep of this process that takes the kept bytes past the
 * bound evicts the least recently used at once; what other processes keep (rows written straight
 * to the store here) is noticed within {@link CacheBound#RESYNC_EVERY} keeps of this one.
 */
class CacheBoundTest {
    private static final long BOUND = 250;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private MetadataStore store;
    private BlobStore blobs;
    private CacheBound bound;

    @BeforeEach
    void setUp() throws IOException {
        store = SqliteStores.open(dir.resolve("cheeseshop.db"), 2);
        blobs = new FilesystemBlobStore(dir.resolve("packages"), clock);
        bound = new CacheBound(store, new UpstreamBlobs(store, blobs), BOUND, new UseTracker(store, clock));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** Keeps a 100-byte file of {@code project} as another process would, a minute after the last. */
    private String cached(String project) throws IOException {
        clock.advance(Duration.ofMinutes(1));
        return CacheSeed.cachedSdist(store, blobs, project, (project + " ").repeat(100).substring(0, 100), clock.instant());
    }

    @Test
    void aKeepPastTheBoundEvictsTheLeastRecentlyUsedAtOnce() throws IOException {
        String a = cached("a");
        assertThat(bound.kept(100)).isZero();
        String b = cached("b");
        assertThat(bound.kept(100)).isZero();
        String c = cached("c");

        assertThat(bound.kept(100)).isEqualTo(1);

        assertThat(blobs.exists(a)).isFalse();
        assertThat(blobs.exists(b)).isTrue();
        assertThat(blobs.exists(c)).isTrue();
    }

    @Test
    void whatOtherProcessesKeepIsNoticedWithinResyncEveryKeeps() throws IOException {
        String a = cached("a");
        assertThat(bound.kept(100)).isZero(); // summed: 100 bytes
        cached("b");
        cached("c"); // 300 bytes now, which this process has not been told

        int keeps = 0;
        int evicted = 0;
        while (evicted == 0 && keeps < CacheBound.RESYNC_EVERY + 1) {
            evicted = bound.kept(1); // this process's own small keeps, within the bound by its estimate
            keeps++;
        }

        assertThat(evicted).isEqualTo(1);
        assertThat(keeps).isEqualTo(CacheBound.RESYNC_EVERY);
        assertThat(blobs.exists(a)).isFalse();
    }

    @Test
    void noBoundEvictsNothing() throws IOException {
        CacheBound unbounded = new CacheBound(store, new UpstreamBlobs(store, blobs), 0, new UseTracker(store, clock));
        String a = cached("a");
        cached("b");
        cached("c");
        assertThat(unbounded.kept(100)).isZero();
        assertThat(unbounded.enforce()).isZero();
        assertThat(blobs.exists(a)).isTrue();
    }
}
