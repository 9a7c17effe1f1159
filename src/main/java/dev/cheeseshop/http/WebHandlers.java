package dev.cheeseshop.http;

import dev.cheeseshop.index.Rendered;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.web.AccountLinks;
import dev.cheeseshop.web.Assets;
import dev.cheeseshop.web.MessageView;
import dev.cheeseshop.web.WebPages;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.util.Callback;

/**
 * The pages for people, at pypi.org's URL shapes: {@code /}, {@code /project/<name>/},
 * {@code /project/<name>/<version>/}, {@code /user/<name>/}, and the assets under
 * {@code /static/}. A name not in normalised form is redirected (301) to it, and a path without
 * its trailing slash to the one with it, as on pypi.org.
 *
 * <p>A page an anonymous visitor asks for, current in the render cache, is answered on the I/O
 * thread with no query, as the Simple pages are; its strong ETag answers {@code If-None-Match}
 * with a 304, and {@code Cache-Control: no-cache} has browsers ask again each time, since every
 * change may change it. Every page carries a content security policy that allows scripts,
 * styles and images only from this server (and images over https, which descriptions embed), so
 * that even markup that got past the sanitiser could run nothing.
 */
final class WebHandlers {
    static final HttpField CACHE_CONTROL = new PreEncodedHttpField("Cache-Control", "no-cache");
    static final HttpField POLICY = new PreEncodedHttpField("Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self';"
                    + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    static final HttpField NO_SNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    static final HttpField REFERRER = new PreEncodedHttpField("Referrer-Policy", "same-origin");
    private static final HttpField ASSET_CACHE = new PreEncodedHttpField("Cache-Control",
            "public, max-age=31536000, immutable");

    private static final HttpField VARY = new PreEncodedHttpField("Vary", "Cookie");
    private static final HttpField PRIVATE = new PreEncodedHttpField("Cache-Control", "private, no-cache");

    private final WebPages pages;
    private final LinkBase linkBase;
    private final WebSessions sessions;
    private final SessionCookie cookies;

    WebHandlers(WebPages pages, LinkBase linkBase, WebSessions sessions, SessionCookie cookies) {
        this.pages = pages;
        this.linkBase = linkBase;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    void register(Routes routes) {
        routes.get("/", this::homeFromMemory, this::home)
                .get("/project/{name}/", this::projectFromMemory, this::project)
                .get("/project/{name}", ex -> slash(ex))
                .get("/project/{name}/history/", this::history)
                .get("/project/{name}/{version}/", this::releaseFromMemory, this::release)
                .get("/project/{name}/{version}", ex -> slash(ex))
                .get("/user/{name}/", this::user)
                .get("/user/{name}", ex -> slash(ex))
                .get("/static/{file}", this::asset);
    }

    private boolean homeFromMemory(Exchange exchange, Callback callback) {
        return anonymous(exchange) && fromMemory(exchange, callback, pages.freshHome(linkBase.base(exchange)));
    }

    private void home(Exchange exchange) throws IOException {
        answer(exchange, pages.home(linkBase.base(exchange)));
    }

    private boolean projectFromMemory(Exchange exchange, Callback callback) {
        String name = exchange.param("name");
        return anonymous(exchange) && name.equals(ProjectName.normalize(name))
                && fromMemory(exchange, callback, pages.freshProject(name, null, linkBase.base(exchange)));
    }

    private boolean releaseFromMemory(Exchange exchange, Callback callback) {
        String name = exchange.param("name");
        return anonymous(exchange) && name.equals(ProjectName.normalize(name)) && fromMemory(exchange, callback,
                pages.freshProject(name, exchange.param("version"), linkBase.base(exchange)));
    }

    private void project(Exchange exchange) throws IOException {
        projectPage(exchange, null);
    }

    private void release(Exchange exchange) throws IOException {
        projectPage(exchange, exchange.param("version"));
    }

    private void projectPage(Exchange exchange, String version) throws IOException {
        String name = exchange.param("name");
        String normalized = ProjectName.normalize(name);
        Optional<Rendered> page = pages.project(normalized, version, linkBase.base(exchange));
        if (page.isEmpty()) {
            notFound(exchange, version == null ? "There is no project named “" + name + "” on this index."
                    : "There is no release " + version + " of “" + name + "” on this index.");
            return;
        }
        if (!name.equals(normalized)) {
            redirectToNormalized(exchange, name, normalized);
            return;
        }
        answer(exchange, page.get());
    }

    /** A 301 to the same path with the project's name in normal form, its query kept. */
    private static void redirectToNormalized(Exchange exchange, String name, String normalized) throws IOException {
        String path = exchange.path();
        int at = path.indexOf("/project/") + "/project/".length();
        exchange.redirect(301, Headers.withQuery(path.substring(0, at) + normalized + path.substring(at + name.length()),
                exchange));
    }

    private void history(Exchange exchange) throws IOException {
        String name = exchange.param("name");
        String normalized = ProjectName.normalize(name);
        long after;
        try {
            String value = exchange.query().getValue("after");
            after = value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            after = -1;
        }
        Optional<byte[]> page = after < 0 ? Optional.empty()
                : pages.history(normalized, Serial.of(after), linkBase.base(exchange));
        if (page.isEmpty()) {
            notFound(exchange, "There is no project named “" + name + "” on this index.");
            return;
        }
        if (!name.equals(normalized)) {
            redirectToNormalized(exchange, name, normalized);
            return;
        }
        answerUncached(exchange, page.get());
    }

    private void user(Exchange exchange) throws IOException {
        String name = exchange.param("name");
        Optional<Rendered> page = pages.user(name, linkBase.base(exchange));
        if (page.isEmpty()) {
            notFound(exchange, "There is no user named “" + name + "” on this index.");
            return;
        }
        answer(exchange, page.get());
    }

    private void asset(Exchange exchange) throws IOException {
        Optional<Assets.Asset> asset = pages.assets().find(exchange.param("file"));
        if (asset.isEmpty()) {
            exchange.sendText(404, "404 Not Found");
            return;
        }
        exchange.header(ASSET_CACHE).header(NO_SNIFF);
        exchange.send(200, asset.get().contentType(), asset.get().body());
    }

    private static void slash(Exchange exchange) throws IOException {
        exchange.redirect(301, Headers.withQuery(exchange.path() + "/", exchange));
    }

    private static boolean fromMemory(Exchange exchange, Callback callback, Optional<Rendered> page) {
        if (page.isEmpty()) {
            return false;
        }
        common(exchange, page.get());
        if (Conditional.matches(exchange.header("If-None-Match"), page.get().etag())) {
            exchange.sendEmptyAsync(304, callback);
        } else {
            exchange.sendAsync(200, Headers.HTML, page.get().body(), callback);
        }
        return true;
    }

    /**
     * Answers with {@code page} as its visitor sees it: as cached for an anonymous one; for a
     * signed-in one with their account links in the header, as a private page whose ETag is that
     * of the bytes sent.
     */
    void answer(Exchange exchange, Rendered page) throws IOException {
        Optional<WebSession> session = cookies.session(exchange).isEmpty() ? Optional.empty()
                : cookies.resolve(exchange, sessions);
        Rendered sent = session.map(s -> personal(exchange, page, s)).orElse(page);
        common(exchange, sent);
        if (session.isPresent()) {
            exchange.header(PRIVATE);
        }
        if (Conditional.matches(exchange.header("If-None-Match"), sent.etag())) {
            exchange.sendEmpty(304);
            return;
        }
        exchange.send(200, Headers.HTML, sent.body());
    }

    /** Answers with a page made for this request alone (a search), with the visitor's account links. */
    void answerUncached(Exchange exchange, byte[] body) throws IOException {
        Optional<WebSession> session = cookies.session(exchange).isEmpty() ? Optional.empty()
                : cookies.resolve(exchange, sessions);
        byte[] sent = session.map(s -> withLinks(exchange, body, s)).orElse(body);
        security(exchange);
        if (session.isPresent()) {
            exchange.header(PRIVATE);
        }
        exchange.send(200, Headers.HTML, sent);
    }

    private Rendered personal(Exchange exchange, Rendered page, WebSession session) {
        return Rendered.of(withLinks(exchange, page.body(), session), page.serial());
    }

    /** {@code body} with the signed-in user's account links in its header. */
    private byte[] withLinks(Exchange exchange, byte[] body, WebSession session) {
        return pages.pages().forUser(body, new AccountLinks(pages.chrome(linkBase.base(exchange)),
                session.user().username(), session.csrfToken()));
    }

    /**
     * Sends a page made for its signed-in user alone (a form page: it carries the session's CSRF
     * token, or a secret), with every page's headers and never stored by a cache.
     */
    static void sendPrivate(Exchange exchange, int status, byte[] page) throws IOException {
        security(exchange);
        exchange.header("Cache-Control", "no-store");
        exchange.send(status, Headers.HTML, page);
    }

    /** Whether the request carries no session cookie: its page is the cached one, answerable from memory. */
    private boolean anonymous(Exchange exchange) {
        return cookies.session(exchange).isEmpty();
    }

    private static void common(Exchange exchange, Rendered page) {
        exchange.header(Headers.LAST_SERIAL, Long.toString(page.serial().value()))
                .header("ETag", page.etag());
        security(exchange);
    }

    /** The headers every page carries. */
    static void security(Exchange exchange) {
        exchange.header(CACHE_CONTROL).header(POLICY).header(NO_SNIFF).header(REFERRER).header(VARY);
    }

    private void notFound(Exchange exchange, String message) throws IOException {
        security(exchange);
        byte[] body = pages.pages().message(new MessageView(pages.chrome(linkBase.base(exchange)), "Not found", message));
        exchange.send(404, Headers.HTML, body);
    }
}
