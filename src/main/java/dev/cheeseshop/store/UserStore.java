package dev.cheeseshop.store;

import dev.cheeseshop.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** User accounts; usernames are unique regardless of case. */
public interface UserStore {
    Optional<User> find(String username);

    /** {@link UniqueViolation} when the name is taken in any case. */
    User insert(String username, String email, String passwordHash, boolean admin, Instant created);

    /**
     * At most {@code limit} users whose case-folded name sorts after {@code after}'s (null: from the
     * first), in that order.
     */
    List<User> list(String after, int limit);

    /** Replaces the password hash; false when there is no such user. */
    boolean setPasswordHash(long userId, String passwordHash);

    /** Disables the account at {@code at}, or enables it (null); false when there is no such user. */
    boolean setDisabledAt(long userId, Instant at);
}
