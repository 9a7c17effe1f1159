package dev.cheeseshop.http;

import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.index.PublicUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cookies of browser logins ({@link WebSessions}): the session's, and the login form's CSRF
 * value ({@code auth.LoginCsrf}), read from the request and written as {@code Set-Cookie} values.
 *
 * <p>Both are {@code Path=/; HttpOnly; SameSite=Lax}: no script reads them, and a cross-site
 * request sends them only on a top-level GET (so a cross-site form post arrives without a
 * session, and its CSRF check fails as well). When the configured public URL is https they are
 * also {@code Secure} and named with the {@code __Host-} prefix, which a browser accepts only from
 * a secure origin, with no {@code Domain} and on {@code /}: a sibling host cannot plant them.
 * The session cookie lives for the session's absolute lifetime ({@code Max-Age}); the server ends
 * it sooner when it is idle. Without a public URL the server answers on plain http, so the
 * cookies are not {@code Secure} (a browser would drop a Secure cookie set over http).
 */
public final class SessionCookie {
    /** The session cookie's name on http; {@code __Host-cheeseshop_session} on https. */
    public static final String SESSION = "cheeseshop_session";
    /** The login form's CSRF cookie's name on http; {@code __Host-cheeseshop_login_csrf} on https. */
    public static final String LOGIN_CSRF = "cheeseshop_login_csrf";
    /** The form field that carries a CSRF token, on the login form and every session's form alike. */
    public static final String CSRF_FIELD = "csrf_token";
    /** How long a login form may wait before it is posted. */
    public static final Duration LOGIN_CSRF_LIFETIME = Duration.ofHours(1);
    static final String HOST_PREFIX = "__Host-";
    /** What this server's values look like (32 bytes in unpadded base64url); others are ignored. */
    private static final Pattern VALUE = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final boolean secure;
    private final Duration sessionLifetime;

    /** {@code secure}: the site is served over https; {@code sessionLifetime}: the cookie's Max-Age. */
    public SessionCookie(boolean secure, Duration sessionLifetime) {
        this.secure = secure;
        this.sessionLifetime = sessionLifetime;
    }

    /** The cookies of a site whose public URL is {@code configuredUrl} (null: the plain-http address served). */
    public static SessionCookie forSite(PublicUrl configuredUrl, WebSessions.Lifetimes lifetimes) {
        return new SessionCookie(configuredUrl != null && configuredUrl.root().startsWith("https://"),
                lifetimes.absolute());
    }

    public boolean secure() {
        return secure;
    }

    /** The session cookie's name as set and read. */
    public String sessionName() {
        return (secure ? HOST_PREFIX : "") + SESSION;
    }

    /** The login form's CSRF cookie's name as set and read. */
    public String loginCsrfName() {
        return (secure ? HOST_PREFIX : "") + LOGIN_CSRF;
    }

    /** The session cookie's value, if the request has one of this server's shape. */
    public Optional<String> session(Exchange exchange) {
        return read(exchange.headers("Cookie"), sessionName());
    }

    /** The login form's CSRF cookie's value, if the request has one of this server's shape. */
    public Optional<String> loginCsrf(Exchange exchange) {
        return read(exchange.headers("Cookie"), loginCsrfName());
    }

    /**
     * The live session the request's cookie names (see {@link WebSessions#resolve}), its user
     * noted for the access log; empty without one.
     */
    public Optional<WebSession> resolve(Exchange exchange, WebSessions sessions) {
        Optional<WebSession> session = session(exchange).flatMap(sessions::resolve);
        session.ifPresent(s -> Entrance.user(exchange.request(), s.user().username()));
        return session;
    }

    /** The {@code Set-Cookie} value that starts a session with the secret {@code value}. */
    public String sessionSetCookie(String value) {
        return cookie(sessionName(), value, sessionLifetime.toSeconds());
    }

    /** The {@code Set-Cookie} value that removes the session cookie (a logout). */
    public String sessionClearCookie() {
        return cookie(sessionName(), "", 0);
    }

    /** The {@code Set-Cookie} value of the login form's CSRF cookie. */
    public String loginCsrfSetCookie(String value) {
        return cookie(loginCsrfName(), value, LOGIN_CSRF_LIFETIME.toSeconds());
    }

    /** The {@code Set-Cookie} value that removes the login form's CSRF cookie (after a login). */
    public String loginCsrfClearCookie() {
        return cookie(loginCsrfName(), "", 0);
    }

    private String cookie(String name, String value, long maxAge) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /**
     * The first value named {@code name} in these {@code Cookie} headers (RFC 6265: {@code
     * name=value} pairs separated by {@code ;}) that has the shape of this server's values. A pair
     * without {@code =}, an empty name, or a value of another shape is skipped, so a malformed or
     * foreign cookie is as good as none; a value in double quotes is taken without them.
     */
    static Optional<String> read(List<String> cookieHeaders, String name) {
        for (String value : values(cookieHeaders, name)) {
            if (VALUE.matcher(value).matches()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Every value named {@code name}, in the order sent. */
    static List<String> values(List<String> cookieHeaders, String name) {
        List<String> found = new ArrayList<>();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals <= 0 || !pair.substring(0, equals).strip().equals(name)) {
                    continue;
                }
                String value = pair.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                found.add(value);
            }
        }
        return found;
    }
}
