package dev.cheeseshop.store;

import dev.cheeseshop.model.User;
import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions ({@code auth.WebSessions}), kept as the hex SHA-256 digests of their cookies'
 * secrets; digests are unique. A session ends at {@code expires} unless it is used again (the idle
 * timeout, slid forward by {@link #touch}), and never later than {@code expiresMax} (its absolute
 * lifetime); what those are is the use case's business, the store only keeps and finds them.
 */
public interface SessionStore {
    /** A stored session: everything but its secret, which is not stored. */
    record Session(long id, long userId, String csrfToken, Instant created, Instant lastSeen, Instant expires,
            Instant expiresMax) {}

    /** A session found by its digest, with its stored digest and its user as the users table has it now. */
    record Found(Session session, String digest, User user) {}

    /** A new session of the user, seen last at {@code created}. */
    Session insert(long userId, String digest, String csrfToken, Instant created, Instant expires, Instant expiresMax);

    /** The session with this digest, expired or not, with its user: one indexed look-up. */
    Optional<Found> findByDigest(String digest);

    /** Records a use at {@code lastSeen} and moves the expiry to {@code expires}; false when there is no such session. */
    boolean touch(long id, Instant lastSeen, Instant expires);

    /** Ends one session (a logout); false when there was no such session. */
    boolean delete(long id);

    /** Ends every session of the user; answers how many there were. */
    int deleteForUser(long userId);

    /** Ends every session of the user but {@code keepId}; answers how many ended. */
    int deleteForUserExcept(long userId, long keepId);

    /** Deletes at most {@code limit} sessions whose {@code expires} is at or before {@code now}, soonest first; answers how many. */
    int deleteExpired(Instant now, int limit);
}
