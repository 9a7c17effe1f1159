package dev.cheeseshop.auth;

import dev.cheeseshop.model.User;
import java.time.Instant;

/**
 * A browser's session, resolved from its cookie ({@link WebSessions#resolve}): who it is (the user
 * as the users table has it at this request), the synchronizer token every form it shows must
 * carry back ({@link WebSessions#csrfValid}), and when it ends unless used again ({@code expires},
 * the idle timeout, never past its absolute lifetime). {@code id} is the row's id, for
 * {@link WebSessions#endOthers}; it is no secret and never a way in.
 */
public record WebSession(long id, User user, String csrfToken, Instant created, Instant expires) {
    /** The principal the session acts as: its user, as a password login would (no token, no scope). */
    public Principal principal() {
        return Principal.of(user);
    }

    @Override
    public String toString() {
        return "WebSession[" + id + ", " + user.username() + "]"; // never the CSRF token
    }
}
