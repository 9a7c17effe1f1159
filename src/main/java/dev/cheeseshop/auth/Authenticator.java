package dev.cheeseshop.auth;

import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Turns credentials into a {@link Principal}: a username and password (Argon2id), or an API
 * token, sent as the password of the user {@code __token__} or on its own (a Bearer header). A
 * token costs one SHA-256 and one indexed read: no Argon2 run.
 *
 * <p>A token is refused when it is malformed, unknown, revoked or expired (by the injected
 * clock), and a token or password when its user is disabled: both read the account on every
 * request, so disabling one takes effect at the next. Its last use is recorded at most once a minute, so a burst of uploads with one token
 * writes once.
 */
public final class Authenticator {
    public static final String TOKEN_USERNAME = "__token__";
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /**
     * Why credentials were refused: no identity at all, a token past its expiry, too many failed
     * logins from this address or for this username (the password was not checked), or too many
     * passwords being checked at once (this one was not).
     */
    public enum Refusal {
        INVALID,
        EXPIRED,
        THROTTLED,
        BUSY
    }

    /** A principal, or why there is none and, for THROTTLED and BUSY, how long to wait. */
    public record Outcome(Principal principal, Refusal refusal, Duration retryAfter) {
        public Outcome(Principal principal, Refusal refusal) {
            this(principal, refusal, null);
        }

        static Outcome refused(Refusal why) {
            return new Outcome(null, why);
        }

        public boolean accepted() {
            return principal != null;
        }
    }

    private final Accounts accounts;
    private final MetadataStore store;
    private final Clock clock;

    public Authenticator(Accounts accounts, MetadataStore store, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.clock = clock;
    }

    /**
     * HTTP Basic from the client at {@code address}: {@code __token__} and a token, or a username
     * and its password, checked through {@link Accounts#login} (the failed-login limiter and the
     * bound on concurrent password checks). A token costs a digest, so it needs neither.
     */
    public Outcome basic(String address, String username, String password) {
        if (TOKEN_USERNAME.equals(username)) {
            return token(password);
        }
        Login login = accounts.login(address, username, password);
        if (login instanceof Login.Accepted accepted) {
            if (accepted.user().disabled()) {
                return Outcome.refused(Refusal.INVALID); // the right password of a disabled account
            }
            return new Outcome(Principal.of(accepted.user()), null);
        }
        if (login instanceof Login.Throttled throttled) {
            return new Outcome(null, Refusal.THROTTLED, throttled.retryAfter());
        }
        if (login instanceof Login.Busy busy) {
            return new Outcome(null, Refusal.BUSY, busy.retryAfter());
        }
        return Outcome.refused(Refusal.INVALID);
    }

    /** A token alone; surrounding whitespace is ignored, as pypi.org ignores it. */
    public Outcome token(String secret) {
        String token = secret == null ? null : secret.strip();
        if (!TokenSecrets.wellFormed(token)) {
            return Outcome.refused(Refusal.INVALID);
        }
        String digest = TokenSecrets.digest(token);
        Optional<TokenStore.Found> found = store.read(tx -> tx.tokens().findByDigest(digest));
        if (found.isEmpty() || !TokenSecrets.sameDigest(found.get().digest(), digest)) {
            return Outcome.refused(Refusal.INVALID);
        }
        ApiToken stored = found.get().token();
        Instant now = clock.instant();
        if (stored.revoked() != null || found.get().user().disabled()) {
            return Outcome.refused(Refusal.INVALID);
        }
        if (!stored.validAt(now)) {
            return Outcome.refused(Refusal.EXPIRED);
        }
        if (stored.lastUsed() == null || !now.isBefore(stored.lastUsed().plus(LAST_USED_RESOLUTION))) {
            recordUse(stored, now);
        }
        return new Outcome(new Principal(found.get().user(), stored), null);
    }

    /** Best effort: a request is not refused because its token's last use could not be written. */
    private void recordUse(ApiToken token, Instant now) {
        try {
            store.write(tx -> {
                tx.tokens().used(token.id(), now);
                return null;
            });
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Authenticator.class).warn("cannot record the use of token {}", token.id(), e);
        }
    }
}
