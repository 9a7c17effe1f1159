package dev.cheeseshop.auth;

/**
 * CSRF protection of the login form, which is shown before there is a session to hold a token:
 * the double-submit pattern. Showing the form issues a random value ({@link #issue}: 32 bytes from
 * {@code SecureRandom}), set both in a short-lived cookie ({@code http.SessionCookie#loginCsrf},
 * HttpOnly, SameSite=Lax, Secure and {@code __Host-} on https) and in a hidden field of the form;
 * the login is accepted only when the two agree ({@link #valid}, compared in constant time). A
 * cross-site page can make a browser post the form but can neither read the cookie nor set it
 * (SameSite=Lax keeps the cookie off a cross-site POST as well), so it cannot submit a matching
 * field: no one can log a victim into an attacker's account.
 *
 * <p>Why not an HMAC of the value under a server key: the key would have to be stored in the
 * database for several processes to share it, and it would add nothing against the attack that
 * plain double-submit does not stop, a cookie planted by a sibling host, which the {@code __Host-}
 * prefix (on https) already rules out. The value is no secret of the user's and protects nothing
 * after the login; the session then gets its own token ({@link WebSessions#csrfValid}).
 */
public final class LoginCsrf {
    private LoginCsrf() {}

    /** A new value for the login form's cookie and its hidden field. */
    public static String issue() {
        return SessionSecrets.generate();
    }

    /** Whether the form's field matches the cookie: both present, well formed and equal. */
    public static boolean valid(String cookieValue, String submitted) {
        return SessionSecrets.wellFormed(cookieValue) && SessionSecrets.same(cookieValue, submitted);
    }
}
