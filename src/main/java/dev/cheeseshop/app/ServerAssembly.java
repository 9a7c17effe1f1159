package dev.cheeseshop.app;

import dev.cheeseshop.auth.Accounts;
import dev.cheeseshop.auth.Authenticator;
import dev.cheeseshop.auth.LoginThrottle;
import dev.cheeseshop.auth.PasswordHasher;
import dev.cheeseshop.auth.VerificationGate;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.description.DescriptionRenderer;
import dev.cheeseshop.dist.DistInspector;
import dev.cheeseshop.downloads.DownloadCounter;
import dev.cheeseshop.health.Readiness;
import dev.cheeseshop.http.HealthHandlers;
import dev.cheeseshop.http.HttpServer;
import dev.cheeseshop.http.MetricsEndpoint;
import dev.cheeseshop.http.Site;
import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.index.Feeds;
import dev.cheeseshop.index.JsonApi;
import dev.cheeseshop.index.JsonApiPages;
import dev.cheeseshop.index.ProjectOverviews;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.index.SimpleIndex;
import dev.cheeseshop.index.SimplePages;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.manage.ReleaseManagement;
import dev.cheeseshop.manage.RoleManagement;
import dev.cheeseshop.manage.UpstreamPurge;
import dev.cheeseshop.manage.UserManagement;
import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.CommitNotices;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Reconciler;
import dev.cheeseshop.store.UpstreamBlobs;
import dev.cheeseshop.upload.Staging;
import dev.cheeseshop.upload.UploadService;
import dev.cheeseshop.web.Assets;
import dev.cheeseshop.web.Pages;
import dev.cheeseshop.web.StoredDescriptions;
import dev.cheeseshop.web.WebPages;
import dev.cheeseshop.xmlrpc.RateLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * The server's wiring, by hand: the stores (one watched by the journal's watch, one not, for the
 * writes that change no page), the use cases, the pages and their caches, the routes, the
 * background work; everything built in the order it needs, and everything opened closed again
 * when a later part fails to start.
 */
final class ServerAssembly {
    private static final int READ_CONNECTIONS = 8;
    /** How long {@link Application#close} lets requests in flight finish; {@link Application#stop} takes another. */
    private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    private ServerAssembly() {}

    /** See {@link Application#forServer(Settings, MetadataDatabase, BlobSettings, Clock, UnaryOperator)}. */
    static Application assemble(Settings settings, MetadataDatabase database, BlobSettings blobSettings,
            Clock clock, UnaryOperator<BlobStore> decorate) {
        JournalWatch watch = new JournalWatch();
        MetadataStore unwatched = database.open(READ_CONNECTIONS);
        // Another process's commits reach the watch at once through these, and through the poll at the latest.
        CommitNotices notices = database.notices();
        MetadataStore store = watch.watching(unwatched);
        HttpServer server = new HttpServer(settings.host(), settings.port(), clock, DEFAULT_STOP_TIMEOUT);
        ProxyWiring proxy = null;
        try {
            BlobStore blobs = decorate.apply(blobSettings.open(settings.packages(), clock));
            Accounts accounts = new Accounts(store, new PasswordHasher(), clock, VerificationGate.forThisMachine(),
                    settings.loginRateLimit().map(limit -> new LoginThrottle(limit.amount(), limit.window(), clock))
                            .orElse(null));
            // Sessions change none of the index's pages: through the unwatched store, so that a login
            // or a session's use does not empty the render cache.
            WebSessions webSessions = new WebSessions(unwatched, accounts, clock, settings.sessions());
            // One renderer for the server: its semaphore bounds the docutils processes of all uploads.
            DescriptionRenderer descriptions = new DescriptionRenderer();
            UploadService uploads = new UploadService(store, blobs, new DistInspector(), clock, settings.maxUploadSize(),
                    descriptions);
            Staging staging = new Staging(settings.staging(), clock);
            staging.sweep(Reconciler.DEFAULT_GRACE);
            // Bound now, so that the default public URL names the port actually taken (port 0).
            URI served = server.bind();
            DocumentCache renderCache = new DocumentCache(settings.cacheSize());
            // Counts are flushed through the unwatched store: a flush changes no page but the JSON API's.
            DownloadCounter downloads = settings.downloads().counted() ? new DownloadCounter(unwatched, clock) : null;
            Authenticator authenticator = new Authenticator(accounts, store, clock);
            Metrics metrics = ServerMetrics.create(settings.metrics(), renderCache, unwatched);
            // The upstream cache's writes change none of this index's pages: through the unwatched store.
            proxy = settings.upstream().map(upstream -> ProxyWiring.create(upstream, unwatched, blobs, clock,
                    settings.staging(), metrics)).orElse(null);
            Site site = new Site(store, blobs, authenticator, uploads, staging,
                    new SimplePages(new SimpleIndex(store), renderCache, watch),
                    new JsonApiPages(new JsonApi(store, downloads), renderCache, watch,
                            downloads == null ? () -> 0 : downloads::generation),
                    new WebPages(store, renderCache, watch, new ProjectOverviews(downloads),
                            new StoredDescriptions(descriptions),
                            new Pages(), Assets.load(), downloads == null ? () -> 0 : downloads::generation),
                    new Journal(store),
                    settings.xmlrpcRateLimit().map(limit -> new RateLimiter(limit, clock)).orElse(null),
                    new Feeds(store), settings.publicUrl(), PublicUrl.of(served), clock,
                    new ReleaseManagement(store, blobs, clock), new RoleManagement(store, clock),
                    new UserManagement(store, accounts, clock), downloads, proxy == null ? null : proxy.proxy(),
                    new UpstreamPurge(unwatched, new UpstreamBlobs(unwatched, blobs)), webSessions);
            new MetricsEndpoint(settings.metrics(), authenticator, metrics).register(site.routes());
            Readiness readiness = new Readiness(unwatched, blobs, clock);
            new HealthHandlers(readiness).register(site.routes());
            server.route(site.routes(), metrics);
            ScheduledExecutorService background = BackgroundWork.thread();
            BackgroundWork.watchJournal(settings, watch, store, notices, background);
            // The reconciler changes no metadata: its transactions need not move the watch on.
            BackgroundWork.reconcileEvery(settings, BackgroundWork.reconciler(unwatched, blobs, clock, staging, Reconciler.DEFAULT_GRACE), background);
            BackgroundWork.sweepSessions(webSessions, background);
            DownloadFlushes.every(settings.downloads().flushEvery(), downloads, background);
            if (proxy != null) {
                proxy.schedule(background);
            }
            return new Application(store, blobs, clock, accounts, webSessions, server, renderCache, watch, background, notices,
                    site, readiness, staging, downloads, proxy);
        } catch (IOException e) {
            closeQuietly(server);
            closeQuietly(proxy);
            notices.close();
            store.close();
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(server);
            closeQuietly(proxy);
            notices.close();
            store.close();
            throw e;
        }
    }

    private static void closeQuietly(ProxyWiring proxy) {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static void closeQuietly(HttpServer server) {
        try {
            server.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(ServerAssembly.class).warn("closing the server failed", e);
        }
    }
}
