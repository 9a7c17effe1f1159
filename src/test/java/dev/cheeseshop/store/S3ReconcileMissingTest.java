package dev.cheeseshop.store;

import dev.cheeseshop.store.blob.S3BlobStore;
import dev.cheeseshop.store.blob.S3Options;
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
 * {@link ReconcileMissingTest} with the server's blobs on a real S3-compatible server: the wheel
 * is streamed from the bucket to a staged file to rebuild its METADATA.
 */
class S3ReconcileMissingTest extends ReconcileMissingTest {
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
    BlobStore blobStore(BlobStore local, Clock clock) {
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
