package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.testing.CacheSeed;
import dev.cheeseshop.testing.HookedBlobStore;
import dev.cheeseshop.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blobs of the proxy's cache follow the rules of an upload's ({@link UpstreamBlobs}, and the
 * {@link Reconciler}): a kept file's blob is never an orphan, an unreferenced one is after the
 * grace period, a deletion never takes a blob a row names, a keep whose blob went between its put
 * and its commit puts it again, and a cached file whose blob is missing is forgotten (so fetched
 * again), reported apart from local files. Interleavings are made with {@link HookedBlobStore}.
 * Run on SQLite with files and on PostgreSQL with S3.
 */
public abstract class UpstreamBlobsContract {
    private static final Duration GRACE = Duration.ofHours(1);
    private static final String CONTENT = "the sdist of requests";

    @TempDir
    protected Path dir;

    protected final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private MetadataStore store;
    private HookedBlobStore blobs;
    private String localKey;

    protected abstract MetadataStore newStore() throws Exception;

    protected abstract BlobStore newBlobStore(Clock clock) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = newStore();
        blobs = new HookedBlobStore(newBlobStore(clock));
        localKey = CacheSeed.localSdist(store, blobs, "private-pkg", "private bytes", clock.instant());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Reconciler.Report reconcile(boolean dryRun) throws IOException {
        return new Reconciler(store, blobs, clock, GRACE).run(dryRun);
    }

    private UpstreamStore.CachedFile cached(String project) {
        return store.read((Transaction tx) -> tx.upstream().file(project, project + "-1.0.tar.gz")).orElseThrow();
    }

    /** Caches the page of {@code project} without keeping anything; answers its file's id. */
    private long listed(String project) {
        UpstreamFile file = CacheSeed.upstreamFile(project, CONTENT);
        return store.write((Transaction tx) -> {
            tx.upstream().savePage(new UpstreamPage(project, project, Optional.empty(), OptionalLong.empty(),
                    List.of(file)), clock.instant());
            return tx.upstream().file(project, file.filename()).orElseThrow().id();
        });
    }

    private Path staged() throws IOException {
        return Files.writeString(dir.resolve("staged-" + System.nanoTime()), CONTENT, StandardCharsets.UTF_8);
    }

    private static String key(String project) {
        return UpstreamStore.keyOf(CacheSeed.upstreamFile(project, CONTENT));
    }

    private byte[] read(String key) throws IOException {
        BlobStore.Blob blob = blobs.open(key).orElseThrow();
        try (var in = blob.read(0, blob.size())) {
            return in.readAllBytes();
        }
    }

    @Test
    void aKeptBlobIsNeverAnOrphanAndAnUnreferencedOneIsAfterTheGracePeriod() throws IOException {
        String kept = CacheSeed.cachedSdist(store, blobs, "requests", CONTENT, clock.instant());
        String orphan = key("left-behind");
        blobs.put(orphan, new byte[] {1});
        String young = key("young");
        clock.advance(Duration.ofHours(2));
        blobs.put(young, new byte[] {2});

        Reconciler.Report report = reconcile(false);

        assertThat(report.examined()).isEqualTo(4);
        assertThat(report.orphans()).containsExactly(orphan);
        assertThat(report.removed()).containsExactly(orphan);
        assertThat(blobs.exists(orphan)).isFalse();
        assertThat(blobs.exists(kept)).isTrue();
        assertThat(blobs.exists(young)).isTrue();
        assertThat(blobs.exists(localKey)).isTrue();
        assertThat(report.cached()).isEqualTo(1);
        assertThat(report.forgotten()).isEmpty();
        assertThat(report.intact()).isTrue();
    }

    @Test
    void anOrphanKeptBetweenTheListingAndItsTransactionStays() throws IOException {
        long id = listed("requests");
        String key = key("requests");
        blobs.put(key, CONTENT.getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofHours(2));
        // A keep whose put came before the listing records the file just after it.
        blobs.afterList(nothing -> store.write((Transaction tx) -> tx.upstream().fileKept(id, false, key, 21,
                clock.instant())));

        Reconciler.Report report = reconcile(false);

        assertThat(report.orphans()).containsExactly(key);
        assertThat(report.removed()).isEmpty();
        assertThat(blobs.exists(key)).isTrue();
    }

    @Test
    void aCachedFileWhoseBlobIsMissingIsForgottenAndFetchedAgainNotReportedAsLost() throws IOException {
        String key = CacheSeed.cachedSdist(store, blobs, "requests", CONTENT, clock.instant());
        CacheSeed.cachedSdist(store, blobs, "idna", CONTENT, clock.instant());
        blobs.delete(key);

        Reconciler.Report dry = reconcile(true);
        assertThat(dry.forgotten()).extracting(Reconciler.Missing::key).containsExactly(key);
        assertThat(dry.forgotten()).extracting(Reconciler.Missing::filename).containsExactly("requests-1.0.tar.gz");
        assertThat(dry.missing()).isEmpty();
        assertThat(dry.intact()).isTrue();
        assertThat(cached("requests").key()).contains(key);

        Reconciler.Report report = reconcile(false);
        assertThat(report.cached()).isEqualTo(2);
        assertThat(report.forgotten()).extracting(Reconciler.Missing::key).containsExactly(key);
        assertThat(report.missing()).isEmpty();
        assertThat(report.intact()).isTrue();
        assertThat(cached("requests").key()).isEmpty();
        assertThat(cached("idna").key()).contains(key("idna"));

        assertThat(reconcile(false).forgotten()).isEmpty();
    }

    @Test
    void aBlobPutBackBeforeTheForgetIsNotForgotten() throws IOException {
        String key = CacheSeed.cachedSdist(store, blobs, "requests", CONTENT, clock.instant());
        blobs.delete(key);
        AtomicInteger looks = new AtomicInteger();
        // A keep of the same key puts the blob between the walk's look and the forget's.
        blobs.beforeExists(looked -> {
            if (looked.equals(key) && looks.incrementAndGet() == 2) {
                blobs.put(key, CONTENT.getBytes(StandardCharsets.UTF_8));
            }
        });

        Reconciler.Report report = reconcile(false);

        assertThat(report.forgotten()).isEmpty();
        assertThat(cached("requests").key()).contains(key);
        assertThat(blobs.exists(key)).isTrue();
    }

    @Test
    void aKeepRecordsTheBlobAndPutsItAgainWhenItWentBeforeTheCommit() throws IOException {
        long id = listed("requests");
        String key = key("requests");
        AtomicInteger puts = new AtomicInteger();
        // A deletion (the reconciler's, say) lands between the keep's put and its transaction.
        blobs.afterPut(put -> {
            if (put.equals(key) && puts.incrementAndGet() == 1) {
                blobs.delete(key);
            }
        });

        assertThat(new UpstreamBlobs(store, blobs).keep(id, false, key, staged(), 21, clock.instant())).isTrue();

        assertThat(puts.get()).isEqualTo(2);
        assertThat(read(key)).isEqualTo(CONTENT.getBytes(StandardCharsets.UTF_8));
        assertThat(cached("requests").key()).contains(key);
        assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isEqualTo(21);
    }

    @Test
    void aKeepForARowGoneRecordsNothingAndLeavesNoBlobUnlessAnotherRowNamesIt() throws IOException {
        long id = listed("requests");
        String key = key("requests");
        store.write((Transaction tx) -> tx.upstream().purge(Optional.of("requests")));

        assertThat(new UpstreamBlobs(store, blobs).keep(id, false, key, staged(), 21, clock.instant())).isFalse();
        assertThat(blobs.exists(key)).isFalse();

        // The same key named by another project's file stays.
        String shared = key("requests");
        long other = store.write((Transaction tx) -> {
            tx.upstream().savePage(new UpstreamPage("requests-alias", "requests-alias", Optional.empty(),
                    OptionalLong.empty(), List.of(CacheSeed.upstreamFile("requests", CONTENT))), clock.instant());
            return tx.upstream().file("requests-alias", "requests-1.0.tar.gz").orElseThrow().id();
        });
        new UpstreamBlobs(store, blobs).keep(other, false, shared, staged(), 21, clock.instant());
        assertThat(new UpstreamBlobs(store, blobs).keep(id, false, shared, staged(), 21, clock.instant())).isFalse();
        assertThat(blobs.exists(shared)).isTrue();
    }

    @Test
    void aDeletionTakesOnlyCachedBlobsNoRowNames() throws IOException {
        String named = CacheSeed.cachedSdist(store, blobs, "requests", CONTENT, clock.instant());
        String dropped = key("dropped");
        blobs.put(dropped, new byte[] {1});
        String localOrphan = "ee/ee/eeee/orphan-1.0.tar.gz";
        blobs.put(localOrphan, new byte[] {2});

        List<String> deleted = new UpstreamBlobs(store, blobs).delete(List.of(named, dropped, localKey, localOrphan,
                key("never-written")));

        assertThat(deleted).containsExactly(dropped, key("never-written"));
        assertThat(blobs.exists(dropped)).isFalse();
        assertThat(blobs.exists(named)).isTrue();
        assertThat(blobs.exists(localKey)).isTrue();
        assertThat(blobs.exists(localOrphan)).as("not a blob of the cache").isTrue();
    }

    @Test
    void aKeyNamedAgainBeforeTheDeletionsTransactionStays() throws IOException {
        long id = listed("requests");
        String key = key("requests");
        blobs.put(key, CONTENT.getBytes(StandardCharsets.UTF_8));
        // Asked to delete it (a page saved without it), but a keep records it before the deletion's check.
        store.write((Transaction tx) -> tx.upstream().fileKept(id, false, key, 21, clock.instant()));

        assertThat(new UpstreamBlobs(store, blobs).delete(List.of(key))).isEmpty();
        assertThat(blobs.exists(key)).isTrue();
    }

    @Test
    void aFailedDeletionIsLoggedNotThrown() throws IOException {
        String dropped = key("dropped");
        blobs.put(dropped, new byte[] {1});
        String other = key("other");
        blobs.put(other, new byte[] {2});
        blobs.beforeDelete(deleting -> {
            if (deleting.equals(dropped)) {
                throw new IOException("the store is down");
            }
        });

        assertThat(new UpstreamBlobs(store, blobs).delete(List.of(dropped, other))).containsExactly(other);
        assertThat(blobs.exists(dropped)).isTrue();
        assertThat(blobs.exists(other)).isFalse();
    }

    @Test
    void aKeyOutsideTheCacheIsRefused() {
        long id = listed("requests");
        assertThatThrownBy(() -> new UpstreamBlobs(store, blobs).keep(id, false, localKey, staged(), 1,
                clock.instant())).isInstanceOf(IllegalArgumentException.class);
        assertThat(cached("requests").key()).isEmpty();
    }
}
