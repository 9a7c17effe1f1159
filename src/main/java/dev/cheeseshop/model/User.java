package dev.cheeseshop.model;

import java.time.Instant;

/**
 * A user account. The password is only ever kept as a memory-hard hash in PHC string format.
 * {@code disabledAt} is when an administrator disabled the account, or null while it is enabled.
 */
public record User(long id, String username, String email, String passwordHash, boolean admin, Instant created,
        Instant disabledAt) {
    public User(long id, String username, String email, String passwordHash, boolean admin, Instant created) {
        this(id, username, email, passwordHash, admin, created, null);
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    @Override
    public String toString() {
        return "User[" + username + "]";
    }
}
