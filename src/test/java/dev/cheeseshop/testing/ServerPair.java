package dev.cheeseshop.testing;

import dev.cheeseshop.app.Application;
import dev.cheeseshop.app.BlobSettings;
import dev.cheeseshop.app.MetadataDatabase;
import dev.cheeseshop.app.Settings;
import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.blob.S3BlobStore;
import dev.cheeseshop.store.blob.S3Options;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two whole servers in this JVM as two processes would be: one fresh PostgreSQL database, one
 * s3proxy bucket, and nothing else shared (each its own pools, S3 client, render cache, journal
 * watch and data directory). Alice exists. Close it to stop both.
 */
public final class ServerPair implements AutoCloseable {
    public final Postgres.Database database;
    public final Application a;
    public final Application b;
    private final List<AutoCloseable> resources;

    private ServerPair(Postgres.Database database, Application a, Application b, List<AutoCloseable> resources) {
        this.database = database;
        this.a = a;
        this.b = b;
        this.resources = resources;
    }

    /**
     * Starts both, each polling the journal every {@code poll}; {@code bListens} false leaves B
     * without notices of commits, to its poll alone.
     */
    public static ServerPair start(Path tmp, S3Proxy s3, Duration poll, boolean bListens) {
        Postgres.Database database = Postgres.newDatabase();
        String bucket = s3.createBucket();
        MetadataDatabase shared = MetadataDatabase.postgres(database.url(), database.password());
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Application a = server(tmp.resolve("a"), shared, s3, bucket, poll, resources);
            Application b = server(tmp.resolve("b"), bListens ? shared : shared.pollingOnly(), s3, bucket, poll,
                    resources);
            a.accounts().create(TestServer.ALICE, "alice@example.org", TestServer.ALICE_PASSWORD, false);
            return new ServerPair(database, a, b, resources);
        } catch (IOException | UserProblem | RuntimeException e) {
            closeAll(resources);
            throw new IllegalStateException("cannot start two servers: " + e.getMessage(), e);
        }
    }

    private static Application server(Path data, MetadataDatabase database, S3Proxy s3, String bucket,
            Duration poll, List<AutoCloseable> resources) throws IOException {
        Files.createDirectories(data);
        Settings settings = new Settings(data, "127.0.0.1", 0, 100L * 1024 * 1024).withReconcileEvery(Duration.ZERO)
                .withJournalPoll(poll);
        S3BlobStore blobs = S3BlobStore.connect(s3.location(bucket, "pypi"), s3.credentials(), Clock.systemUTC(),
                S3Options.DEFAULT);
        resources.add(0, blobs);
        Application app = Application.forServer(settings, database, BlobSettings.LOCAL, Clock.systemUTC(),
                ignored -> blobs);
        resources.add(0, app);
        try {
            app.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a server", e);
        }
        return app;
    }

    /** {@code path} on {@code server}. */
    public static URI uri(Application server, String path) {
        return server.uri().resolve(path);
    }

    /** The journal's last serial, read from the database. */
    public Serial lastSerial() {
        return a.store().read(tx -> tx.journal().last()).orElse(Serial.NONE);
    }

    @Override
    public void close() {
        closeAll(resources);
        database.dropIfUnused();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
