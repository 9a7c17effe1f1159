package dev.cheeseshop.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.CacheSeed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup keeps the index and leaves the proxy's cache out: the copy's cache tables are empty
 * and the blobs the cache keeps are not taken, so the backup is complete and its restore serves
 * the local files and fetches the upstream's again. Browser sessions are left out too.
 */
class DataCopyCacheTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String SESSION = "d".repeat(64);

    @TempDir
    Path tmp;

    @Test
    void theBackupAndItsRestoreHoldTheIndexWithoutTheCache() throws Exception {
        Path data = tmp.resolve("data");
        String local;
        try (MetadataStore store = SqliteStores.open(data.resolve("cheeseshop.db"), 1)) {
            BlobStore blobs = blobs(data);
            local = CacheSeed.localSdist(store, blobs, "private-pkg", "private bytes", T0);
            CacheSeed.cachedSdist(store, blobs, "requests", "public bytes", T0);
            store.write((Transaction tx) -> tx.sessions().insert(
                    tx.users().insert("alice", null, "$hash", false, T0).id(), SESSION, "t", T0, T0.plusSeconds(3600),
                    T0.plusSeconds(7200)));
        }

        DataCopy.Report backup = DataCopy.backup(data, tmp.resolve("backup"), Progress.NONE);
        assertThat(backup.complete()).isTrue();
        assertThat(backup.files()).isEqualTo(1);
        assertThat(backup.linked() + backup.copied()).isEqualTo(1);
        assertThat(keys(tmp.resolve("backup"))).containsExactly(local);

        DataCopy.Report restore = DataCopy.restore(tmp.resolve("backup"), tmp.resolve("restored"), Progress.NONE);
        assertThat(restore.complete()).isTrue();
        assertThat(keys(tmp.resolve("restored"))).containsExactly(local);
        try (MetadataStore store = SqliteStores.open(tmp.resolve("restored").resolve("cheeseshop.db"), 1)) {
            assertThat(store.read((Transaction tx) -> tx.upstream().page("requests"))).isEmpty();
            assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isZero();
            assertThat(store.read((Transaction tx) -> tx.projects().find(ProjectName.of("private-pkg").normalized())))
                    .isPresent();
            assertThat(store.read((Transaction tx) -> tx.files().findByPath(local))).isPresent();
            assertThat(store.read((Transaction tx) -> tx.users().find("alice"))).isPresent();
            assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(SESSION)))
                    .as("no browser session: its user logs in again").isEmpty();
        }
        // The source keeps its cache and its sessions.
        try (MetadataStore store = SqliteStores.open(data.resolve("cheeseshop.db"), 1)) {
            assertThat(store.read((Transaction tx) -> tx.upstream().page("requests"))).isPresent();
            assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(SESSION))).isPresent();
        }
    }

    private static BlobStore blobs(Path data) throws Exception {
        return new FilesystemBlobStore(data.resolve("packages"), Clock.systemUTC());
    }

    private static List<String> keys(Path data) throws Exception {
        List<String> keys = new ArrayList<>();
        blobs(data).list(blob -> keys.add(blob.key()));
        return keys;
    }
}
