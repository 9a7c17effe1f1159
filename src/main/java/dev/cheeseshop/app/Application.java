package dev.cheeseshop.app;

import dev.cheeseshop.auth.Accounts;
import dev.cheeseshop.auth.PasswordHasher;
import dev.cheeseshop.dist.DistInspector;
import dev.cheeseshop.http.HttpServer;
import dev.cheeseshop.http.Site;
import dev.cheeseshop.index.SimpleIndex;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.upload.Staging;
import dev.cheeseshop.upload.UploadService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The wiring, by hand: the only place that names concrete implementations. A command-line
 * application gets the stores and services; a server application also gets the HTTP server.
 */
public final class Application implements AutoCloseable {
    private static final int READ_CONNECTIONS = 8;

    private final MetadataStore store;
    private final Accounts accounts;
    private final HttpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Application(MetadataStore store, Accounts accounts, HttpServer server) {
        this.store = store;
        this.accounts = accounts;
        this.server = server;
    }

    /** For commands that change the index beside (or without) a running server. */
    public static Application forCommand(Path data) {
        MetadataStore store = SqliteStores.open(data.resolve("cheeseshop.db"), 1);
        return new Application(store, new Accounts(store, new PasswordHasher(), Clock.systemUTC()), null);
    }

    /** The whole server, not yet started. */
    public static Application forServer(Settings settings) {
        return forServer(settings, Clock.systemUTC());
    }

    public static Application forServer(Settings settings, Clock clock) {
        MetadataStore store = SqliteStores.open(settings.database(), READ_CONNECTIONS);
        try {
            BlobStore blobs = new FilesystemBlobStore(settings.packages());
            Accounts accounts = new Accounts(store, new PasswordHasher(), clock);
            UploadService uploads = new UploadService(store, blobs, new DistInspector(), clock, settings.maxUploadSize());
            Site site = new Site(store, blobs, accounts, uploads, new Staging(settings.staging()),
                    new SimpleIndex(store), new Journal(store));
            return new Application(store, accounts, new HttpServer(settings.host(), settings.port(), site.routes()));
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Accounts accounts() {
        return accounts;
    }

    public MetadataStore store() {
        return store;
    }

    public void start() throws Exception {
        server.start();
    }

    public URI uri() {
        return server.uri();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (server != null) {
                server.close();
            }
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Application.class).warn("stopping the server failed", e);
        } finally {
            store.close();
        }
    }
}
