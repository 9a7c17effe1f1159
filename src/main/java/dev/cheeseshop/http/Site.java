package dev.cheeseshop.http;

import dev.cheeseshop.auth.Authenticator;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.downloads.DownloadCounter;
import dev.cheeseshop.index.DownloadReports;
import dev.cheeseshop.index.Feeds;
import dev.cheeseshop.index.JsonApiPages;
import dev.cheeseshop.index.ProjectDetails;
import dev.cheeseshop.index.ProjectSearch;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.index.SimplePages;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.manage.CreateToken;
import dev.cheeseshop.manage.ListTokens;
import dev.cheeseshop.manage.ManagedProjects;
import dev.cheeseshop.manage.ProjectReservation;
import dev.cheeseshop.manage.Quarantine;
import dev.cheeseshop.manage.ReleaseManagement;
import dev.cheeseshop.manage.RevokeToken;
import dev.cheeseshop.manage.RoleManagement;
import dev.cheeseshop.manage.UpstreamPurge;
import dev.cheeseshop.manage.UserManagement;
import dev.cheeseshop.proxy.Proxy;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.upload.Staging;
import dev.cheeseshop.upload.UploadService;
import dev.cheeseshop.xmlrpc.Dispatcher;
import dev.cheeseshop.xmlrpc.PypiMethods;
import dev.cheeseshop.web.WebPages;
import dev.cheeseshop.xmlrpc.RateLimiter;
import java.time.Clock;
import java.util.List;

/**
 * Every route the server answers, in one table; {@code downloads} null when downloads are not
 * counted, {@code proxy} null when there is no upstream.
 */
public final class Site {
    private final Routes routes = new Routes();
    private final ApiV1 api;
    private final WebSessions webSessions;
    private final SessionCookie sessionCookie;

    public Site(MetadataStore store, BlobStore blobs, Authenticator authenticator, UploadService uploads, Staging staging,
            SimplePages pages, JsonApiPages jsonPages, WebPages webPages, Journal journal, RateLimiter xmlrpcLimiter,
            Feeds feeds, PublicUrl configuredUrl, PublicUrl servedUrl, Clock clock,
            ReleaseManagement releases, RoleManagement roles, UserManagement users, DownloadCounter downloads,
            Proxy proxy, UpstreamPurge upstreamPurge, WebSessions webSessions) {
        this.webSessions = webSessions;
        this.sessionCookie = SessionCookie.forSite(configuredUrl, webSessions.lifetimes());
        WebHandlers web = new WebHandlers(webPages, LinkBase.of(configuredUrl), webSessions, sessionCookie);
        web.register(routes);
        new SearchHandler(new ProjectSearch(store, clock), webPages, web, LinkBase.of(configuredUrl)).register(routes);
        new LoginHandlers(webPages, webSessions, sessionCookie, LinkBase.of(configuredUrl)).register(routes);
        ManageForms manageForms = new ManageForms(webPages, webSessions, sessionCookie, LinkBase.of(configuredUrl),
                new ManagedProjects(store));
        new ManageHandlers(manageForms, roles).register(routes);
        new ManageReleaseHandlers(manageForms, releases).register(routes);
        new ManageDeleteHandlers(manageForms, releases).register(routes);
        new SimpleHandlers(pages, proxy == null ? null : new ProxyPageHandler(proxy.pages(), pages),
                proxy == null ? null : proxy.listing().orElse(null)).register(routes);
        new JsonApiHandlers(jsonPages, LinkBase.of(configuredUrl)).register(routes);
        new FileHandler(store, blobs, downloads, proxy == null ? null : new ProxyFileHandler(proxy.files()))
                .register(routes);
        new UploadHandler(authenticator, uploads, staging).register(routes);
        new XmlRpcHandler(new Dispatcher(PypiMethods.table(journal, store)), xmlrpcLimiter).register(routes);
        new RssHandlers(feeds, configuredUrl != null ? configuredUrl : servedUrl).register(routes);
        CreateToken createToken = new CreateToken(store, clock);
        ListTokens listTokens = new ListTokens(store);
        RevokeToken revokeToken = new RevokeToken(store, clock);
        new AccountHandlers(webPages, webSessions, sessionCookie, LinkBase.of(configuredUrl), listTokens, createToken,
                revokeToken, users, clock).register(routes);
        ApiV1 api = new ApiV1(authenticator);
        new TokenApi(createToken, listTokens, revokeToken, clock).register(api);
        new ProjectApi(releases, roles, store).register(api);
        new QuarantineApi(new Quarantine(store, clock)).register(api);
        new ReservationApi(new ProjectReservation(store, clock)).register(api);
        new ProjectReadApi(new ProjectDetails(store)).register(api);
        new OpenApiDocument().register(api);
        new UserApi(users).register(api);
        new DownloadApi(new DownloadReports(store, clock)).register(api);
        new UpstreamApi(upstreamPurge).register(api);
        api.register(routes);
        this.api = api;
    }

    /** Browser logins: what the web pages log in, resolve and log out with. */
    public WebSessions webSessions() {
        return webSessions;
    }

    /** The session and login-CSRF cookies, Secure when the public URL is https. */
    public SessionCookie sessionCookie() {
        return sessionCookie;
    }

    public Routes routes() {
        return routes;
    }

    /** The {@code /api/v1} group's routes: what its OpenAPI description must describe. */
    public List<ApiV1.Route> apiRoutes() {
        return api.routes();
    }
}
