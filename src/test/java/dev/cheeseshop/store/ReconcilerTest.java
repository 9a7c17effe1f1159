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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orphan blobs are removed after the grace period; blobs a file row names never are. */
class ReconcilerTest {
    @TempDir
    Path dir;

    private MetadataStore store;
    private BlobStore blobs;
    private String keptPath;

    @BeforeEach
    void setUp() throws IOException {
        store = SqliteStores.open(dir.resolve("db"), 2);
        blobs = new FilesystemBlobStore(dir.resolve("packages"));
        Digests digests = new Digests("0".repeat(32), "1".repeat(64), "2".repeat(64));
        keptPath = digests.storagePath("demo-1.0-py3-none-any.whl");
        store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("demo"), Instant.now());
            long release = tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, Instant.now()).id();
            return tx.files().insert(new DistFile(0, release, "demo-1.0-py3-none-any.whl", PackageType.bdist_wheel,
                    "py3", 1, digests, new MetadataDigests("3".repeat(64), "4".repeat(64)), Instant.now(), keptPath,
                    null, null));
        });
        blobs.put(keptPath, new byte[] {1});
        blobs.put(keptPath + ".metadata", new byte[] {2});
        blobs.put("99/99/9999/orphan-1.0.tar.gz", new byte[] {3});
        blobs.put("99/99/9999/orphan-1.0.tar.gz.metadata", new byte[] {4});
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void removesOrphansOlderThanTheGracePeriodOnly() throws IOException {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        Reconciler.Report report = new Reconciler(store, blobs, later, Duration.ofHours(1)).run(false);
        assertThat(report.examined()).isEqualTo(4);
        assertThat(report.orphans()).containsExactlyInAnyOrder("99/99/9999/orphan-1.0.tar.gz",
                "99/99/9999/orphan-1.0.tar.gz.metadata");
        assertThat(blobs.exists("99/99/9999/orphan-1.0.tar.gz")).isFalse();
        assertThat(blobs.exists(keptPath)).isTrue();
        assertThat(blobs.exists(keptPath + ".metadata")).isTrue();
    }

    @Test
    void leavesYoungOrphansAlone() throws IOException {
        Reconciler.Report report = new Reconciler(store, blobs, Clock.systemUTC(), Duration.ofHours(1)).run(false);
        assertThat(report.orphans()).isEmpty();
        assertThat(blobs.exists("99/99/9999/orphan-1.0.tar.gz")).isTrue();
    }

    @Test
    void aDryRunOnlyReports() throws IOException {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        assertThat(new Reconciler(store, blobs, later, Duration.ofHours(1)).run(true).orphans()).hasSize(2);
        assertThat(blobs.exists("99/99/9999/orphan-1.0.tar.gz")).isTrue();
    }
}
