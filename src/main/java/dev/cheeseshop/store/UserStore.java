package dev.cheeseshop.store;

import dev.cheeseshop.model.User;
import java.time.Instant;
import java.util.Optional;

/** User accounts; usernames are unique regardless of case. */
public interface UserStore {
    Optional<User> find(String username);

    /** {@link UniqueViolation} when the name is taken in any case. */
    User insert(String username, String email, String passwordHash, boolean admin, Instant created);
}
