package dev.cheeseshop.http;

import dev.cheeseshop.auth.Login;
import dev.cheeseshop.auth.LoginCsrf;
import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.web.LoginView;
import dev.cheeseshop.web.MessageView;
import dev.cheeseshop.web.WebPages;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;

/**
 * Logging in and out in a browser: {@code GET /account/login/} shows the form (with a CSRF token
 * bound to a short-lived cookie, since there is no session yet), {@code POST /account/login/}
 * checks the token, then the password through {@link WebSessions#logIn} (the APIs' own failed-login
 * limiter and verification gate), and on success sets the session cookie and redirects (303) to
 * where the visitor was going, a path on this site only. {@code POST /account/logout/} ends the
 * session (its form carries the session's token) and clears the cookie.
 *
 * <p>A refused password shows the form again with one message that does not say whether the user
 * exists; too many failures answer 429 with {@code Retry-After}, as the APIs do; a missing or
 * wrong token answers 403 and checks no password.
 */
final class LoginHandlers {
    private final WebPages pages;
    private final WebSessions sessions;
    private final SessionCookie cookies;
    private final LinkBase linkBase;

    LoginHandlers(WebPages pages, WebSessions sessions, SessionCookie cookies, LinkBase linkBase) {
        this.pages = pages;
        this.sessions = sessions;
        this.cookies = cookies;
        this.linkBase = linkBase;
    }

    void register(Routes routes) {
        routes.get("/account/login/", this::form)
                .post("/account/login/", this::logIn)
                .post("/account/logout/", this::logOut);
    }

    private void form(Exchange exchange) throws IOException {
        String next = safeNext(exchange.query().getValue("next"));
        if (cookies.resolve(exchange, sessions).isPresent()) {
            exchange.redirect(303, next == null ? root(exchange) + "account/" : next);
            return;
        }
        showForm(exchange, 200, "", next, null);
    }

    private void logIn(Exchange exchange) throws IOException {
        Optional<Fields> form = SessionForms.fromThisSite(exchange);
        if (form.isEmpty() || !LoginCsrf.valid(cookies.loginCsrf(exchange).orElse(null),
                form.get().getValue(SessionCookie.CSRF_FIELD))) {
            forbidden(exchange, "The form was not sent from this site's login page, or it is too old. Open the"
                    + " login page again and retry.");
            return;
        }
        Fields fields = form.get();
        String username = fields.getValue("username");
        String next = safeNext(fields.getValue("next"));
        WebSessions.LoginResult result = sessions.logIn(exchange.remoteAddress(), username,
                fields.getValue("password"));
        if (result instanceof WebSessions.LoginResult.Started started) {
            WebHandlers.security(exchange);
            exchange.addHeader("Set-Cookie", cookies.sessionSetCookie(started.cookieValue()));
            exchange.addHeader("Set-Cookie", cookies.loginCsrfClearCookie());
            exchange.redirect(303, next == null ? root(exchange) + "account/" : next);
        } else if (result instanceof WebSessions.LoginResult.Throttled throttled) {
            exchange.header("Retry-After", Long.toString(Login.seconds(throttled.retryAfter())));
            showForm(exchange, 429, username, next, "Too many failed logins. Wait a while, then try again.");
        } else if (result instanceof WebSessions.LoginResult.Busy busy) {
            exchange.header("Retry-After", Long.toString(Login.seconds(busy.retryAfter())));
            showForm(exchange, 503, username, next, "The server is busy checking passwords. Try again in a moment.");
        } else {
            showForm(exchange, 200, username, next, "The username or the password is not right.");
        }
    }

    private void logOut(Exchange exchange) throws IOException {
        Optional<String> cookie = cookies.session(exchange);
        Optional<WebSession> session = cookie.flatMap(sessions::resolve);
        if (session.isPresent() && SessionForms.fields(exchange, sessions, session.get()).isEmpty()) {
            forbidden(exchange, "The form was not sent from a page of this site. Reload the page and retry.");
            return;
        }
        cookie.ifPresent(sessions::logOut);
        WebHandlers.security(exchange);
        exchange.addHeader("Set-Cookie", cookies.sessionClearCookie());
        exchange.redirect(303, root(exchange));
    }

    private void showForm(Exchange exchange, int status, String username, String next, String error)
            throws IOException {
        String token = LoginCsrf.issue();
        exchange.addHeader("Set-Cookie", cookies.loginCsrfSetCookie(token));
        WebHandlers.sendPrivate(exchange, status, pages.pages().login(new LoginView(
                pages.chrome(linkBase.base(exchange)), token, username == null ? "" : username, next, error)));
    }

    private void forbidden(Exchange exchange, String message) throws IOException {
        WebHandlers.security(exchange);
        exchange.send(403, Headers.HTML, pages.pages().message(new MessageView(
                pages.chrome(linkBase.base(exchange)), "Forbidden", message)));
    }

    private String root(Exchange exchange) {
        return pages.chrome(linkBase.base(exchange)).root();
    }

    /** Where to go after logging in: a path on this site, never another site ({@code //host}, {@code /\host}). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 2000) {
            return null;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return null;
            }
        }
        return next;
    }
}
