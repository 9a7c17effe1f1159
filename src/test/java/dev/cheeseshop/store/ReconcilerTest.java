package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.MetadataDigests;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.HookedBlobStore;
import dev.cheeseshop.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orphan blobs are removed after the grace period; blobs a file row names never are, nor blobs
 * claimed or written again between the listing and the transaction that would delete them.
 * {@code ReconcileRaceTest} runs the same interleavings against real uploads; {@code S3ReconcilerTest}
 * runs these on S3, whose listing carries the server's time rather than the store's clock.
 */
class ReconcilerTest {
    private static final String ORPHAN = "99/99/9999/orphan-1.0.tar.gz";
    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private MetadataStore store;
    private HookedBlobStore blobs;
    private String keptPath;

    @BeforeEach
    void setUp() throws IOException {
        store = SqliteStores.open(dir.resolve("db"), 2);
        blobs = new HookedBlobStore(newBlobStore(clock));
        Digests digests = new Digests("0".repeat(32), "1".repeat(64), "2".repeat(64));
        keptPath = digests.storagePath("demo-1.0-py3-none-any.whl");
        insertFile("demo", "demo-1.0-py3-none-any.whl", digests, keptPath);
        blobs.put(keptPath, new byte[] {1});
        blobs.put(keptPath + ".metadata", new byte[] {2});
        blobs.put(ORPHAN, new byte[] {3});
        blobs.put(ORPHAN + ".metadata", new byte[] {4});
    }

    /** The blob store under test (files here; {@code S3ReconcilerTest} runs the same on S3). */
    BlobStore newBlobStore(Clock clock) throws IOException {
        return new FilesystemBlobStore(dir.resolve("packages"), clock);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void insertFile(String project, String filename, Digests digests, String path) {
        Instant now = clock.instant();
        store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of(project), now);
            long release = tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, now).id();
            return tx.files().insert(new DistFile(0, release, filename, PackageType.bdist_wheel, "py3", 1, digests,
                    new MetadataDigests("3".repeat(64), "4".repeat(64)), now, path, null, null));
        });
    }

    private Reconciler.Report reconcile(boolean dryRun) throws IOException {
        return new Reconciler(store, blobs, clock, GRACE).run(dryRun);
    }

    @Test
    void removesOrphansOlderThanTheGracePeriodOnly() throws IOException {
        clock.advance(Duration.ofHours(2));
        Reconciler.Report report = reconcile(false);
        assertThat(report.examined()).isEqualTo(4);
        assertThat(report.orphans()).containsExactlyInAnyOrder(ORPHAN, ORPHAN + ".metadata");
        assertThat(report.removed()).containsExactlyInAnyOrder(ORPHAN, ORPHAN + ".metadata");
        assertThat(blobs.exists(ORPHAN)).isFalse();
        assertThat(blobs.exists(ORPHAN + ".metadata")).isFalse();
        assertThat(blobs.exists(keptPath)).isTrue();
        assertThat(blobs.exists(keptPath + ".metadata")).isTrue();
    }

    @Test
    void leavesYoungOrphansAlone() throws IOException {
        clock.advance(Duration.ofMinutes(59));
        Reconciler.Report report = reconcile(false);
        assertThat(report.orphans()).isEmpty();
        assertThat(blobs.exists(ORPHAN)).isTrue();
    }

    @Test
    void aDryRunOnlyReports() throws IOException {
        clock.advance(Duration.ofHours(2));
        Reconciler.Report report = reconcile(true);
        assertThat(report.orphans()).hasSize(2);
        assertThat(report.removed()).isEmpty();
        assertThat(blobs.exists(ORPHAN)).isTrue();
    }

    @Test
    void keepsAnOrphanThatAFileRowClaimsBetweenTheListingAndItsTransaction() throws IOException {
        clock.advance(Duration.ofHours(2));
        Digests digests = new Digests("5".repeat(32), "6".repeat(64), "7".repeat(64));
        blobs.afterList(key -> insertFile("orphan", "orphan-1.0.tar.gz", digests, ORPHAN));

        Reconciler.Report report = reconcile(false);

        assertThat(report.orphans()).containsExactlyInAnyOrder(ORPHAN, ORPHAN + ".metadata");
        assertThat(report.removed()).isEmpty();
        assertThat(blobs.exists(ORPHAN)).isTrue();
        assertThat(blobs.exists(ORPHAN + ".metadata")).isTrue();
    }

    @Test
    void keepsAnOrphanWrittenAgainBetweenTheListingAndItsTransaction() throws IOException {
        clock.advance(Duration.ofHours(2));
        blobs.afterList(key -> blobs.put(ORPHAN, new byte[] {3}));

        Reconciler.Report report = reconcile(false);

        assertThat(report.orphans()).containsExactlyInAnyOrder(ORPHAN, ORPHAN + ".metadata");
        assertThat(report.removed()).containsExactly(ORPHAN + ".metadata");
        assertThat(blobs.exists(ORPHAN)).isTrue();
    }
}
