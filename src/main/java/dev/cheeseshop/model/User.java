package dev.cheeseshop.model;

import java.time.Instant;

/**
 * A user account. The password is only ever kept as a memory-hard hash in PHC string format.
 */
public record User(long id, String username, String email, String passwordHash, boolean admin, Instant created) {
    @Override
    public String toString() {
        return "User[" + username + "]";
    }
}
