package dev.cheeseshop.store;

import dev.cheeseshop.store.blob.S3BlobStore;
import dev.cheeseshop.store.blob.S3Options;
import dev.cheeseshop.testing.Postgres;
import dev.cheeseshop.testing.S3Proxy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UpstreamBlobsContract} on PostgreSQL (a fresh database per test) and a real S3-compatible
 * server, whose listing carries the server's time, not the tests' clock.
 */
class PostgresS3UpstreamBlobsTest extends UpstreamBlobsContract {
    @TempDir
    static Path serverDir;

    private static S3Proxy server;
    private final List<S3BlobStore> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = S3Proxy.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected MetadataStore newStore() {
        return Postgres.newDatabase().open(2);
    }

    @Override
    protected BlobStore newBlobStore(Clock clock) {
        S3BlobStore store = S3BlobStore.connect(server.location(server.createBucket(), "index"), server.credentials(),
                clock, S3Options.DEFAULT);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3BlobStore::close);
    }
}
