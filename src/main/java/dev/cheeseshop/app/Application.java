package dev.cheeseshop.app;

import dev.cheeseshop.auth.Accounts;
import dev.cheeseshop.auth.PasswordHasher;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.downloads.DownloadCounter;
import dev.cheeseshop.health.Readiness;
import dev.cheeseshop.http.HttpServer;
import dev.cheeseshop.http.Site;
import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.CommitNotices;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.upload.Staging;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * The wiring, by hand (with {@link ServerAssembly}, which builds the server): the only place that
 * names concrete implementations. A command-line application gets the stores and services; a
 * server application also gets the HTTP server, and closing it stops everything in order.
 */
public final class Application implements AutoCloseable {
    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Accounts accounts;
    private final WebSessions webSessions;
    private final HttpServer server;
    private final DocumentCache renderCache;
    private final JournalWatch journalWatch;
    private final ScheduledExecutorService background;
    private final CommitNotices notices;
    private final Site site;
    private final DownloadCounter downloads;
    private final Readiness readiness;
    private final Staging staging;
    private final ProxyWiring proxy;
    private final AtomicBoolean closed = new AtomicBoolean();

    Application(MetadataStore store, BlobStore blobs, Clock clock, Accounts accounts, WebSessions webSessions,
            HttpServer server,
            DocumentCache renderCache, JournalWatch journalWatch, ScheduledExecutorService background,
            CommitNotices notices, Site site, Readiness readiness, Staging staging, DownloadCounter downloads,
            ProxyWiring proxy) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.accounts = accounts;
        this.webSessions = webSessions;
        this.server = server;
        this.renderCache = renderCache;
        this.journalWatch = journalWatch;
        this.background = background;
        this.notices = notices;
        this.site = site;
        this.downloads = downloads;
        this.readiness = readiness;
        this.staging = staging;
        this.proxy = proxy;
    }

    /** For commands that change the index beside (or without) a running server: the embedded default. */
    public static Application forCommand(Path data) {
        return forCommand(data, MetadataDatabase.sqlite(new Settings(data, "127.0.0.1", 0, 0).database()),
                BlobSettings.LOCAL);
    }

    /** For commands, with the metadata in {@code database} and the files where {@code blobSettings} says. */
    public static Application forCommand(Path data, MetadataDatabase database, BlobSettings blobSettings) {
        Settings settings = new Settings(data, "127.0.0.1", 0, 0);
        MetadataStore store = database.open(1);
        Clock clock = Clock.systemUTC();
        try {
            BlobStore blobs = blobSettings.open(settings.packages(), clock);
            return new Application(store, blobs, clock, new Accounts(store, new PasswordHasher(), clock), null, null,
                    null, null, null, CommitNotices.NONE, null, null, null, null, null);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The whole server on the embedded default, not yet started. */
    public static Application forServer(Settings settings) {
        return forServer(settings, Clock.systemUTC());
    }

    public static Application forServer(Settings settings, Clock clock) {
        return forServer(settings, clock, UnaryOperator.identity());
    }

    /** The whole server, with the metadata in {@code database} and its files where {@code blobs} says. */
    public static Application forServer(Settings settings, MetadataDatabase database, BlobSettings blobs) {
        return forServer(settings, database, blobs, Clock.systemUTC(), UnaryOperator.identity());
    }

    /** The whole server on the embedded default, with its blob store wrapped by {@code decorate} (a seam for tests). */
    public static Application forServer(Settings settings, Clock clock, UnaryOperator<BlobStore> decorate) {
        return forServer(settings, MetadataDatabase.sqlite(settings.database()), BlobSettings.LOCAL, clock, decorate);
    }

    /**
     * The whole server, with the metadata in {@code database}, its files where {@code blobSettings}
     * says and the blob store wrapped by {@code decorate}. A store that holds connections (S3) is
     * closed with the application unless {@code decorate} replaced it.
     */
    public static Application forServer(Settings settings, MetadataDatabase database, BlobSettings blobSettings,
            Clock clock, UnaryOperator<BlobStore> decorate) {
        return ServerAssembly.assemble(settings, database, blobSettings, clock, decorate);
    }

    /** The server's routes (null for a command). */
    public Site site() {
        return site;
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Browser logins (servers only). */
    public WebSessions webSessions() {
        return webSessions;
    }

    public MetadataStore store() {
        return store;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** The clock everything here takes its time from. */
    public Clock clock() {
        return clock;
    }

    /** The rendered pages kept in memory (servers only). */
    public DocumentCache renderCache() {
        return renderCache;
    }

    /** What tells the render cache that the index may have changed (servers only). */
    public JournalWatch journalWatch() {
        return journalWatch;
    }

    /**
     * Reads the proxy's policy file again now, as SIGHUP does: a file that is invalid or missing
     * leaves the policy as it was. Nothing happens without an upstream or a policy file.
     */
    public void reloadPolicy() {
        if (proxy != null) {
            proxy.reloadPolicy();
        }
    }

    /** Where downloads are counted before they are flushed (null for a command, or with counting off). */
    public DownloadCounter downloads() {
        return downloads;
    }

    public void start() throws Exception {
        server.start();
    }

    public URI uri() {
        return server.uri();
    }

    /** Whether the server can do its work: what {@code GET /ready} answers (servers only). */
    public Readiness readiness() {
        return readiness;
    }

    /**
     * Stops gracefully: {@code /ready} answers 503 from now on, the server stops accepting
     * connections, requests in flight (uploads included) have up to {@code timeout} to finish,
     * then the rest is closed as {@link #close} does.
     */
    public void stop(Duration timeout) {
        if (server != null && !closed.get()) {
            server.stopTimeout(timeout);
        }
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (readiness != null) {
            readiness.stopping();
        }
        try {
            if (server != null) {
                server.close();
            }
        } catch (Exception e) {
            LoggerFactory.getLogger(Application.class).warn("stopping the server failed", e);
        }
        if (staging != null) {
            int left = staging.discardAll();
            if (left > 0) {
                LoggerFactory.getLogger(Application.class).info("removed {} staged uploads cut off by the stop", left);
            }
        }
        notices.close();
        if (background != null) {
            background.shutdownNow();
        }
        if (renderCache != null && renderCache.stats().hits() + renderCache.stats().misses() > 0) {
            LoggerFactory.getLogger(Application.class).info("render cache at shutdown: {}", renderCache.stats());
        }
        // The last counts and uses, after the server has stopped answering and before the pools close.
        DownloadFlushes.last(downloads);
        if (proxy != null) {
            proxy.close();
        }
        try {
            if (blobs instanceof AutoCloseable connections) {
                connections.close();
            }
        } catch (Exception e) {
            LoggerFactory.getLogger(Application.class).warn("closing the blob store failed", e);
        } finally {
            store.close();
        }
    }
}
