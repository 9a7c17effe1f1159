package dev.cheeseshop.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqlDatabase;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.CacheSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} copies the index and not the proxy's cache: neither its rows nor the blobs it
 * keeps, and the copy still verifies (the blobs counted are those of file rows). Nor the browser
 * sessions. A target that
 * holds only a cache is not new, and is refused.
 */
class MigrationCacheTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    @TempDir
    Path tmp;

    @Test
    void theIndexIsCopiedAndTheUpstreamCacheLeftBehind() throws Exception {
        Path source = tmp.resolve("source");
        String local;
        String cached;
        try (MetadataStore store = SqliteStores.open(source.resolve("cheeseshop.db"), 1)) {
            BlobStore blobs = MigrationTest.localBlobs(source);
            local = CacheSeed.localSdist(store, blobs, "private-pkg", "private bytes", T0);
            cached = CacheSeed.cachedSdist(store, blobs, "requests", "public bytes", T0);
            store.write(tx -> tx.sessions().insert(tx.users().insert("carol", null, "$hash", false, T0).id(),
                    "d".repeat(64), "t", T0, T0.plusSeconds(3600), T0.plusSeconds(7200)));
        }
        assertThat(MigrationTest.blobKeys(source)).containsExactlyInAnyOrder(local, cached);

        Path target = tmp.resolve("target");
        migrate(source, target);

        try (Connection from = MigrationTest.sqlite(source); Connection to = MigrationTest.sqlite(target)) {
            assertThat(Dump.of(to)).isEqualTo(Dump.of(from)).isNotEmpty();
            assertThat(rows(from, "upstream_files")).isEqualTo(1);
            assertThat(rows(to, "upstream_files")).isZero();
            assertThat(rows(to, "upstream_projects")).isZero();
            assertThat(rows(from, "web_sessions")).isEqualTo(1);
            assertThat(rows(to, "web_sessions")).as("browser sessions are not moved: users log in again").isZero();
        }
        assertThat(MigrationTest.blobKeys(target)).containsExactly(local);
    }

    @Test
    void aTargetHoldingOnlyACacheIsNotEmpty() throws Exception {
        Path source = tmp.resolve("source");
        Path target = tmp.resolve("target");
        try (MetadataStore store = SqliteStores.open(source.resolve("cheeseshop.db"), 1);
                MetadataStore served = SqliteStores.open(target.resolve("cheeseshop.db"), 1)) {
            CacheSeed.localSdist(store, MigrationTest.localBlobs(source), "private-pkg", "private bytes", T0);
            served.write(tx -> tx.upstream().savePage(new dev.cheeseshop.model.UpstreamPage("requests", "requests",
                    java.util.Optional.empty(), java.util.OptionalLong.empty(),
                    List.of(CacheSeed.upstreamFile("requests", "public bytes"))), T0));
        }

        assertThatThrownBy(() -> migrate(source, target)).isInstanceOf(MigrationProblem.class)
                .hasMessageContaining("is not empty: migrate writes only into a new, empty index");
        try (Connection to = MigrationTest.sqlite(target)) {
            assertThat(Dump.of(to)).isEmpty();
            assertThat(rows(to, "upstream_files")).isEqualTo(1);
        }
    }

    private void migrate(Path source, Path target) throws Exception {
        try (SqlDatabase from = SqlDatabase.sqlite(source.resolve("cheeseshop.db"), true);
                SqlDatabase to = SqlDatabase.sqlite(target.resolve("cheeseshop.db"), false)) {
            new Migration(new Migration.Side(from, MigrationTest.localBlobs(source), "packages"),
                    new Migration.Side(to, MigrationTest.localBlobs(target), "packages"),
                    Files.createDirectories(tmp.resolve("scratch")), 100, line -> {}).run();
        }
    }

    private static long rows(Connection conn, String table) throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
