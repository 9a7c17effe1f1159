package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.auth.Accounts;
import dev.cheeseshop.auth.LoginCsrf;
import dev.cheeseshop.auth.LoginThrottle;
import dev.cheeseshop.auth.PasswordHasher;
import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.auth.VerificationGate;
import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole browser login against a real server, with a small route table of the kind the web
 * pages will have (a login form, a page that needs a session, a form that changes something, a
 * logout), written here on {@link WebSessions} and {@link SessionCookie} as a page handler would:
 * the cookies' attributes, the session resolving, logout, idle and absolute expiry by the clock,
 * and every post without the right CSRF token refused.
 */
class WebSessionFlowTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final String PASSWORD = "alice-password-1";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private MetadataStore store;
    private WebSessions sessions;
    private HttpServer server;
    /** Every change the {@code POST /settings} handler made. */
    private final List<String> changes = new ArrayList<>();

    private void start(PublicUrl publicUrl) throws Exception {
        store = SqliteStores.open(dir.resolve("db.sqlite"), 2);
        Accounts accounts = new Accounts(store, new PasswordHasher(64, 1, 1), clock, new VerificationGate(2, 2),
                new LoginThrottle(10, Duration.ofMinutes(1), clock));
        try {
            accounts.create("alice", null, PASSWORD, false);
            accounts.create("bob", null, "bob-password-22", false);
        } catch (UserProblem e) {
            throw new IllegalStateException(e);
        }
        sessions = new WebSessions(store, accounts, clock, WebSessions.Lifetimes.DEFAULT);
        server = new HttpServer("127.0.0.1", 0, pages(sessions, SessionCookie.forSite(publicUrl, sessions.lifetimes())));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** The pages, as a page handler would write them. */
    private Routes pages(WebSessions sessions, SessionCookie cookies) {
        return new Routes()
                .get("/login", ex -> {
                    String csrf = LoginCsrf.issue();
                    ex.addHeader("Set-Cookie", cookies.loginCsrfSetCookie(csrf));
                    ex.header("Cache-Control", "no-store");
                    ex.sendText(200, csrf); // a form would carry it in a hidden field
                })
                .post("/login", ex -> {
                    Fields form = FormFields.getFields(ex.request());
                    if (!LoginCsrf.valid(cookies.loginCsrf(ex).orElse(null), form.getValue(SessionCookie.CSRF_FIELD))) {
                        ex.sendText(403, "the form has expired: try again");
                        return;
                    }
                    WebSessions.LoginResult result = sessions.logIn(ex.remoteAddress(), form.getValue("username"),
                            form.getValue("password"));
                    if (result instanceof WebSessions.LoginResult.Started started) {
                        ex.addHeader("Set-Cookie", cookies.sessionSetCookie(started.cookieValue()));
                        ex.addHeader("Set-Cookie", cookies.loginCsrfClearCookie());
                        ex.redirect(303, "/me");
                    } else if (result instanceof WebSessions.LoginResult.Throttled throttled) {
                        ex.header("Retry-After", String.valueOf(throttled.retryAfter().toSeconds()));
                        ex.sendText(429, "too many failed logins");
                    } else {
                        ex.sendText(403, "wrong username or password");
                    }
                })
                .get("/me", ex -> {
                    Optional<WebSession> session = cookies.resolve(ex, sessions);
                    if (session.isEmpty()) {
                        ex.sendText(401, "log in");
                        return;
                    }
                    ex.header("Cache-Control", "no-store");
                    ex.sendText(200, session.get().user().username() + " " + session.get().csrfToken());
                })
                .post("/settings", ex -> {
                    Optional<WebSession> session = cookies.resolve(ex, sessions);
                    Fields form = FormFields.getFields(ex.request());
                    if (session.isEmpty()) {
                        ex.sendText(401, "log in");
                    } else if (!sessions.csrfValid(session.get(), form.getValue(SessionCookie.CSRF_FIELD))) {
                        ex.sendText(403, "the form has expired: try again");
                    } else {
                        changes.add(session.get().user().username() + ":" + form.getValue("email"));
                        ex.sendText(200, "saved");
                    }
                })
                .post("/logout", ex -> {
                    Optional<WebSession> session = cookies.resolve(ex, sessions);
                    Fields form = FormFields.getFields(ex.request());
                    if (session.isPresent() && !sessions.csrfValid(session.get(), form.getValue(SessionCookie.CSRF_FIELD))) {
                        ex.sendText(403, "the form has expired: try again");
                        return;
                    }
                    cookies.session(ex).ifPresent(sessions::logOut);
                    ex.addHeader("Set-Cookie", cookies.sessionClearCookie());
                    ex.redirect(303, "/login");
                });
    }

    private URI uri(String path) {
        return URI.create(server.uri().toString().replaceAll("/$", "") + path);
    }

    private Http.Response post(String path, String cookie, String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/x-www-form-urlencoded"));
        if (cookie != null) {
            headers.addAll(List.of("Cookie", cookie));
        }
        return Http.send("POST", uri(path), body.toString().getBytes(StandardCharsets.UTF_8),
                headers.toArray(String[]::new));
    }

    private Http.Response me(String cookie) {
        return Http.get(uri("/me"), "Cookie", cookie);
    }

    private List<String> setCookies(Http.Response response) {
        List<String> values = response.headers().get("Set-Cookie");
        return values == null ? List.of() : values;
    }

    /** The login form: its CSRF value, which is also its cookie's. */
    private String loginForm(String cookieName) {
        Http.Response form = Http.get(uri("/login"));
        assertThat(form.status()).isEqualTo(200);
        String csrf = form.text();
        assertThat(csrf).matches(VALUE);
        assertThat(setCookies(form)).containsExactly(cookieName + "=" + csrf + "; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax"
                + (cookieName.startsWith("__Host-") ? "; Secure" : ""));
        return csrf;
    }

    /** Logs in through the form; answers the session cookie's value. */
    private String logIn(String username, String password) {
        String csrf = loginForm("cheeseshop_login_csrf");
        Http.Response login = post("/login", "cheeseshop_login_csrf=" + csrf, "username", username, "password", password,
                "csrf_token", csrf);
        assertThat(login.status()).as(login.text()).isEqualTo(303);
        String set = setCookies(login).stream().filter(c -> c.startsWith("cheeseshop_session=")).findFirst().orElseThrow();
        return set.substring("cheeseshop_session=".length(), set.indexOf(';'));
    }

    private static String csrfOf(Http.Response me) {
        Matcher m = Pattern.compile("^\\S+ (" + VALUE + ")$").matcher(me.text());
        assertThat(m.matches()).as(me.text()).isTrue();
        return m.group(1);
    }

    @Test
    void aLoginSetsAnHttpOnlyLaxSessionCookieAndClearsTheFormsCookie() throws Exception {
        start(null);
        String csrf = loginForm("cheeseshop_login_csrf");

        Http.Response login = post("/login", "cheeseshop_login_csrf=" + csrf, "username", "alice", "password", PASSWORD,
                "csrf_token", csrf);

        assertThat(login.status()).isEqualTo(303);
        assertThat(login.header("Location")).isEqualTo("/me");
        assertThat(setCookies(login)).hasSize(2)
                .anySatisfy(c -> assertThat(c).matches(
                        "cheeseshop_session=[A-Za-z0-9_-]{43}; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax"))
                .contains("cheeseshop_login_csrf=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }

    @Test
    void behindAnHttpsPublicUrlTheCookiesAreSecureAndHostPrefixed() throws Exception {
        start(PublicUrl.parse("https://pypi.example.org/"));
        String csrf = loginForm("__Host-cheeseshop_login_csrf");

        Http.Response login = post("/login", "__Host-cheeseshop_login_csrf=" + csrf, "username", "alice",
                "password", PASSWORD, "csrf_token", csrf);

        assertThat(login.status()).isEqualTo(303);
        assertThat(setCookies(login)).hasSize(2)
                .anySatisfy(c -> assertThat(c).matches("__Host-cheeseshop_session=[A-Za-z0-9_-]{43}; Path=/;"
                        + " Max-Age=604800; HttpOnly; SameSite=Lax; Secure"))
                .contains("__Host-cheeseshop_login_csrf=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
        String set = setCookies(login).stream().filter(c -> c.startsWith("__Host-cheeseshop_session=")).findFirst()
                .orElseThrow();
        String value = set.substring("__Host-cheeseshop_session=".length(), set.indexOf(';'));
        assertThat(me("__Host-cheeseshop_session=" + value).status()).isEqualTo(200);
        assertThat(me("cheeseshop_session=" + value).status()).as("only the prefixed name is read").isEqualTo(401);
    }

    @Test
    void theCookieResolvesTheUserUntilLogoutClearsIt() throws Exception {
        start(null);
        String cookie = "cheeseshop_session=" + logIn("alice", PASSWORD);
        Http.Response me = me(cookie);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text()).startsWith("alice ");

        Http.Response logout = post("/logout", cookie, "csrf_token", csrfOf(me));

        assertThat(logout.status()).isEqualTo(303);
        assertThat(setCookies(logout)).containsExactly("cheeseshop_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        assertThat(me(cookie).status()).as("the old cookie, sent again").isEqualTo(401);
        assertThat(me("cheeseshop_session=junk").status()).isEqualTo(401);
        assertThat(Http.get(uri("/me")).status()).isEqualTo(401);
    }

    @Test
    void aLogoutWithoutTheTokenIsRefusedAndTheSessionStays() throws Exception {
        start(null);
        String cookie = "cheeseshop_session=" + logIn("alice", PASSWORD);

        assertThat(post("/logout", cookie).status()).isEqualTo(403);

        assertThat(me(cookie).status()).isEqualTo(200);
    }

    @Test
    void anIdleSessionEndsAfterTwelveHours() throws Exception {
        start(null);
        String cookie = "cheeseshop_session=" + logIn("alice", PASSWORD);

        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(me(cookie).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(me(cookie).status()).as("slid by the last use").isEqualTo(200);
        clock.advance(Duration.ofHours(12));
        assertThat(me(cookie).status()).isEqualTo(401);
    }

    @Test
    void aSessionInUseEndsAfterSevenDays() throws Exception {
        start(null);
        String cookie = "cheeseshop_session=" + logIn("alice", PASSWORD);

        for (int hours = 10; hours < 7 * 24; hours += 10) {
            clock.advance(Duration.ofHours(10));
            assertThat(me(cookie).status()).as("after %d hours", hours).isEqualTo(200);
        }
        clock.advance(Duration.ofHours(7 * 24 - 160)); // used at 160 h, the lifetime ends at 168 h
        assertThat(me(cookie).status()).isEqualTo(401);
    }

    @Test
    void aPostWithoutTheSessionsOwnCsrfTokenIsRefused() throws Exception {
        start(null);
        String cookie = "cheeseshop_session=" + logIn("alice", PASSWORD);
        String token = csrfOf(me(cookie));
        String bobs = "cheeseshop_session=" + logIn("bob", "bob-password-22");
        String bobsToken = csrfOf(me(bobs));
        String alicesOther = csrfOf(me("cheeseshop_session=" + logIn("alice", PASSWORD)));

        assertThat(post("/settings", cookie, "email", "a@example.org").status()).as("no token").isEqualTo(403);
        assertThat(post("/settings", cookie, "email", "a@example.org", "csrf_token", "").status()).isEqualTo(403);
        assertThat(post("/settings", cookie, "email", "a@example.org", "csrf_token", token.substring(1) + "A").status())
                .as("a wrong one").isEqualTo(403);
        assertThat(post("/settings", cookie, "email", "a@example.org", "csrf_token", bobsToken).status())
                .as("another user's session's").isEqualTo(403);
        assertThat(post("/settings", cookie, "email", "a@example.org", "csrf_token", alicesOther).status())
                .as("the same user's other session's").isEqualTo(403);
        assertThat(post("/settings", null, "email", "a@example.org", "csrf_token", token).status())
                .as("the token without the cookie").isEqualTo(401);
        assertThat(changes).isEmpty();

        assertThat(post("/settings", cookie, "email", "a@example.org", "csrf_token", token).status()).isEqualTo(200);
        assertThat(changes).containsExactly("alice:a@example.org");
    }

    @Test
    void aLoginPostWithoutTheFormsCsrfValueIsRefusedAndStartsNoSession() throws Exception {
        start(null);
        String csrf = loginForm("cheeseshop_login_csrf");
        String other = loginForm("cheeseshop_login_csrf");

        List<Http.Response> refused = List.of(
                post("/login", "cheeseshop_login_csrf=" + csrf, "username", "alice", "password", PASSWORD),
                post("/login", null, "username", "alice", "password", PASSWORD, "csrf_token", csrf),
                post("/login", "cheeseshop_login_csrf=" + csrf, "username", "alice", "password", PASSWORD,
                        "csrf_token", other),
                post("/login", "cheeseshop_login_csrf=x", "username", "alice", "password", PASSWORD, "csrf_token", "x"));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(setCookies(response)).isEmpty();
        });
    }

    @Test
    void aWrongPasswordIsRefusedAndPastTheLimitEvenTheRightOneIsThrottled() throws Exception {
        start(null);
        for (int i = 0; i < 10; i++) {
            String csrf = loginForm("cheeseshop_login_csrf");
            Http.Response wrong = post("/login", "cheeseshop_login_csrf=" + csrf, "username", "alice",
                    "password", "guess-" + i, "csrf_token", csrf);
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(setCookies(wrong)).isEmpty();
        }
        clock.advance(Duration.ofSeconds(15));
        String csrf = loginForm("cheeseshop_login_csrf");

        Http.Response locked = post("/login", "cheeseshop_login_csrf=" + csrf, "username", "alice", "password", PASSWORD,
                "csrf_token", csrf);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isEqualTo("45");
        assertThat(setCookies(locked)).isEmpty();
    }
}
