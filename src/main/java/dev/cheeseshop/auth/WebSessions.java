package dev.cheeseshop.auth;

import dev.cheeseshop.model.TimeSpan;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Browser logins: a server-side session per login, named by a cookie whose value is 32 random
 * bytes (the secret) of which only the SHA-256 is stored ({@code web_sessions}, V12). No HTTP
 * here: {@code http.SessionCookie} carries the secret.
 *
 * <p><b>The password goes through {@link Accounts#login}</b>, the one way in that Basic auth on
 * the APIs takes too: the same failed-login limit per address and per username ({@link
 * LoginThrottle}, one instance per server, so failures on the web count against the API and the
 * other way round) and the same bound on concurrent Argon2 runs. The right password of a disabled
 * account is refused as a wrong one is, as {@link Authenticator} refuses it.
 *
 * <p><b>Finding a session</b> is one SHA-256 of the cookie and one probe of the unique index on
 * the digest, then a comparison of the stored digest in constant time: the standard way to look up
 * a high-entropy secret safely. An index look-up's timing could at most tell how much of a guess's
 * digest matches a stored digest's start, and a digest prefix is no help in finding a secret (256
 * random bits, behind SHA-256) that has it. A session ends when it has not been used for the idle timeout, or at its absolute
 * lifetime whatever its use, or at logout, or when its user's password changes or the user is
 * disabled ({@code manage.UserManagement}); a disabled user's session is refused even before that.
 * A use slides the idle expiry, written at most once a minute per session (so a page with many
 * requests writes once): a session may end up to a minute before the timeout after its last use.
 *
 * <p><b>CSRF</b>: each session has a random synchronizer token, stored with it (not an HMAC of
 * the session under a server key, which several processes would have to share). Every form a
 * session shows carries it, and every state-changing request must send it back ({@link
 * #csrfValid}); the login form, before any session, uses {@link LoginCsrf}.
 */
public final class WebSessions {
    /** How long a session lives: {@code idle} without use, {@code absolute} whatever its use. */
    public record Lifetimes(Duration idle, Duration absolute) {
        public static final Lifetimes DEFAULT = new Lifetimes(Duration.ofHours(12), Duration.ofDays(7));

        public Lifetimes {
            if (idle.isNegative() || idle.isZero() || absolute.isNegative() || absolute.isZero()) {
                throw new IllegalArgumentException("session lifetimes must be positive: " + TimeSpan.format(idle) + ", "
                        + TimeSpan.format(absolute));
            }
            if (idle.compareTo(absolute) > 0) {
                throw new IllegalArgumentException("the idle time (" + TimeSpan.format(idle)
                        + ") is longer than the whole lifetime (" + TimeSpan.format(absolute) + ")");
            }
        }
    }

    /** The outcome of a browser login. */
    public sealed interface LoginResult {
        /** Logged in: set {@code cookieValue} as the session cookie; it is not kept anywhere else. */
        record Started(String cookieValue, WebSession session) implements LoginResult {
            public User user() {
                return session.user();
            }

            public String csrfToken() {
                return session.csrfToken();
            }

            @Override
            public String toString() {
                return "Started[" + session + "]"; // never the cookie's secret
            }
        }

        /** No such user, not their password, or a disabled account: the three look alike. */
        record Refused() implements LoginResult {}

        /** Too many failed logins from this address or for this username; the password was not checked. */
        record Throttled(Duration retryAfter) implements LoginResult {}

        /** Too many passwords are being checked at once; this one was not. */
        record Busy(Duration retryAfter) implements LoginResult {}
    }

    /** A use of a session is written at most this often. */
    static final Duration TOUCH_RESOLUTION = Duration.ofMinutes(1);
    /** Ended sessions deleted per transaction by {@link #sweep}, and the most transactions of one sweep. */
    static final int SWEEP_BATCH = 1000;
    static final int SWEEP_BATCHES = 100;

    private final MetadataStore store;
    private final Accounts accounts;
    private final Clock clock;
    private final Lifetimes lifetimes;

    public WebSessions(MetadataStore store, Accounts accounts, Clock clock, Lifetimes lifetimes) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    public Lifetimes lifetimes() {
        return lifetimes;
    }

    /**
     * A login by the client at {@code address}: on the right password of an enabled account, a
     * new session (one write); otherwise the refusal, and nothing is created.
     */
    public LoginResult logIn(String address, String username, String password) {
        Login login = accounts.login(address, username == null ? "" : username, password == null ? "" : password);
        if (login instanceof Login.Throttled throttled) {
            return new LoginResult.Throttled(throttled.retryAfter());
        }
        if (login instanceof Login.Busy busy) {
            return new LoginResult.Busy(busy.retryAfter());
        }
        if (!(login instanceof Login.Accepted accepted) || accepted.user().disabled()) {
            return new LoginResult.Refused();
        }
        User user = accepted.user();
        String secret = SessionSecrets.generate();
        String csrf = SessionSecrets.generate();
        Instant now = clock.instant();
        Instant max = now.plus(lifetimes.absolute());
        Instant expires = earlier(now.plus(lifetimes.idle()), max);
        SessionStore.Session stored = store.write(tx -> tx.sessions().insert(user.id(), TokenSecrets.digest(secret),
                csrf, now, expires, max));
        return new LoginResult.Started(secret, new WebSession(stored.id(), user, csrf, now, expires));
    }

    /**
     * The live session a cookie names, with its user as of now; empty for a malformed, unknown,
     * ended or expired cookie, or a disabled user's. A use a minute or more after the last one
     * recorded slides the idle expiry (best effort: a failed write refuses nothing).
     */
    public Optional<WebSession> resolve(String cookieValue) {
        Optional<SessionStore.Found> found = find(cookieValue);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionStore.Session session = found.get().session();
        User user = found.get().user();
        Instant now = clock.instant();
        if (!now.isBefore(endOf(session)) || user.disabled()) {
            return Optional.empty();
        }
        Instant expires = endOf(session);
        if (!now.isBefore(session.lastSeen().plus(TOUCH_RESOLUTION))) {
            expires = earlier(now.plus(lifetimes.idle()),
                    earlier(session.expiresMax(), session.created().plus(lifetimes.absolute())));
            touch(session.id(), now, expires);
        }
        return Optional.of(new WebSession(session.id(), user, session.csrfToken(), session.created(), expires));
    }

    /** Ends the session the cookie names, if there is one; a malformed or unknown cookie is no error. */
    public void logOut(String cookieValue) {
        find(cookieValue).ifPresent(found -> store.write(tx -> tx.sessions().delete(found.session().id())));
    }

    /** Ends every session of the user (a disabled account, a password changed elsewhere); answers how many. */
    public int endAll(long userId) {
        return store.write(tx -> tx.sessions().deleteForUser(userId));
    }

    /** Ends every session of the user but {@code keepSessionId} (the one that changed the password); answers how many. */
    public int endOthers(long userId, long keepSessionId) {
        return store.write(tx -> tx.sessions().deleteForUserExcept(userId, keepSessionId));
    }

    /**
     * Whether {@code submitted} (a form's CSRF field) is the session's token, compared in constant
     * time; a missing one never is. Check it before any state-changing request does anything.
     */
    public boolean csrfValid(WebSession session, String submitted) {
        return session != null && SessionSecrets.same(session.csrfToken(), submitted);
    }

    /**
     * Deletes the ended sessions, {@value #SWEEP_BATCH} per transaction and at most {@value
     * #SWEEP_BATCHES} transactions (the next sweep takes the rest), so that no transaction is long;
     * answers how many. An ended session is refused whether swept or not: this only frees the rows.
     */
    public int sweep() {
        Instant now = clock.instant();
        int total = 0;
        for (int i = 0; i < SWEEP_BATCHES; i++) {
            int deleted = store.write(tx -> tx.sessions().deleteExpired(now, SWEEP_BATCH));
            total += deleted;
            if (deleted < SWEEP_BATCH) {
                break;
            }
        }
        return total;
    }

    private Optional<SessionStore.Found> find(String cookieValue) {
        if (!SessionSecrets.wellFormed(cookieValue)) {
            return Optional.empty();
        }
        String digest = TokenSecrets.digest(cookieValue);
        return store.read(tx -> tx.sessions().findByDigest(digest))
                .filter(found -> TokenSecrets.sameDigest(found.digest(), digest));
    }

    /**
     * When the session ends: its stored expiry, or sooner when the lifetimes are shorter now than
     * when it was last used (a server restarted with shorter ones ends old sessions at once).
     */
    private Instant endOf(SessionStore.Session session) {
        return earlier(session.expires(), earlier(session.lastSeen().plus(lifetimes.idle()),
                session.created().plus(lifetimes.absolute())));
    }

    private void touch(long id, Instant now, Instant expires) {
        try {
            store.write(tx -> tx.sessions().touch(id, now, expires));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(WebSessions.class).warn("cannot record the use of session {}", id, e);
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
