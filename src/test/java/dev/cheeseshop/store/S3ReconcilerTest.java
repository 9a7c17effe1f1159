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
 * {@link ReconcilerTest} on a real S3-compatible server. The tests' clock stands in 2030 while
 * s3proxy stamps LastModified with today's time, so a reconciler that judged age by the listing
 * would call every blob old (and report the young orphan of {@code leavesYoungOrphansAlone}).
 */
class S3ReconcilerTest extends ReconcilerTest {
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
    BlobStore newBlobStore(Clock clock) {
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
