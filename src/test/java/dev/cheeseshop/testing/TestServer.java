package dev.cheeseshop.testing;

import dev.cheeseshop.app.Application;
import dev.cheeseshop.app.BlobSettings;
import dev.cheeseshop.app.Settings;
import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.store.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * A real server on a free port over a fresh data directory and fresh storage on the selected
 * {@link Backend} (by default a real SQLite file and real files in the data directory; with
 * {@code -Dcheeseshop.backend=postgres-s3} a fresh PostgreSQL database and a fresh s3proxy
 * bucket), with two users, alice and bob. Close it to stop the server and delete the data (the
 * database too, unless a test still holds a connection to it: then at exit).
 */
public final class TestServer implements AutoCloseable {
    public static final String ALICE = "alice";
    public static final String BOB = "bob";
    public static final String ALICE_PASSWORD = "alice-password-1";
    public static final String BOB_PASSWORD = "bob-password-22";

    private final Path data;
    private final Backend.Storage storage;
    private final BlobStore remoteBlobs;
    private final Clock clock;
    private final Settings settings;
    private final UnaryOperator<BlobStore> blobs;
    private Application app;

    private TestServer(Path data, Backend.Storage storage, BlobStore remoteBlobs, Application app, Clock clock,
            Settings settings, UnaryOperator<BlobStore> blobs) {
        this.data = data;
        this.storage = storage;
        this.remoteBlobs = remoteBlobs;
        this.app = app;
        this.clock = clock;
        this.settings = settings;
        this.blobs = blobs;
    }

    public static TestServer start() {
        return start(100L * 1024 * 1024);
    }

    public static TestServer start(long maxUploadSize) {
        return start(settings -> new Settings(settings.data(), "127.0.0.1", 0, maxUploadSize), Clock.systemUTC());
    }

    /** A server whose absolute links start with {@code publicUrl} (null: the address it serves). */
    public static TestServer start(PublicUrl publicUrl) {
        return start(settings -> settings.withPublicUrl(publicUrl), Clock.systemUTC());
    }

    /** A server whose render cache holds at most {@code cacheSize} bytes. */
    public static TestServer withCacheSize(long cacheSize) {
        return start(settings -> settings.withCacheSize(cacheSize), Clock.systemUTC());
    }

    /** A server with adjusted settings (given the defaults over a fresh data directory) and clock. */
    public static TestServer start(UnaryOperator<Settings> adjust, Clock clock) {
        return start(adjust, clock, UnaryOperator.identity());
    }

    /** As {@link #start(UnaryOperator, Clock)}, with the server's blob store wrapped by {@code blobs}. */
    public static TestServer start(UnaryOperator<Settings> adjust, Clock clock, UnaryOperator<BlobStore> blobs) {
        try {
            Path data = Files.createTempDirectory("cheeseshop-test-");
            Backend backend = Backend.selected();
            Backend.Storage storage = backend.fresh(data);
            Settings settings = adjust.apply(new Settings(data, "127.0.0.1", 0, 100L * 1024 * 1024));
            BlobStore remote = backend == Backend.SQLITE_FILES ? null : storage.openBlobs(clock);
            Application app = application(settings, storage, remote, clock, blobs);
            app.accounts().create(ALICE, "alice@example.org", ALICE_PASSWORD, false);
            app.accounts().create(BOB, null, BOB_PASSWORD, false);
            app.start();
            return new TestServer(data, storage, remote, app, clock, settings, blobs);
        } catch (UserProblem e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test server", e);
        }
    }

    private static Application application(Settings settings, Backend.Storage storage, BlobStore remote, Clock clock,
            UnaryOperator<BlobStore> blobs) {
        if (remote == null) {
            return Application.forServer(settings, clock, blobs);
        }
        // The bucket's store in place of the local one that BlobSettings.LOCAL opens (and leaves empty).
        return Application.forServer(settings, storage.database(), BlobSettings.LOCAL, clock, local -> blobs.apply(remote));
    }

    /**
     * Stops the server as a process would stop, then starts it again on the same data, storage,
     * settings and clock (on another free port): what it serves afterwards is what it had kept.
     */
    public void restart() {
        app.close();
        app = application(settings, storage, remoteBlobs, clock, blobs);
        try {
            app.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test server again", e);
        }
    }

    /** The base URL, without a trailing slash: {@code http://127.0.0.1:PORT}. */
    public String url() {
        String uri = app.uri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    public URI uri(String path) {
        return URI.create(url() + path);
    }

    public Path data() {
        return data;
    }

    public Application app() {
        return app;
    }

    /**
     * Where the server keeps its metadata and files: for a second "process" on the same index,
     * the stored files, or a test's own SQL.
     */
    public Backend.Storage storage() {
        return storage;
    }

    /** The clock the server was started with (the system's unless a test chose one). */
    public Clock clock() {
        return clock;
    }

    private boolean closed;

    /** Stops the server and deletes its data; a second call does nothing (a test may stop an upstream early). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        app.close();
        if (remoteBlobs instanceof AutoCloseable closeable && app.blobs() != remoteBlobs) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the bucket's store failed", e);
            }
        }
        storage.discard();
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
