package dev.cheeseshop.auth;

import dev.cheeseshop.model.User;
import java.time.Duration;

/** The outcome of a login with a username and password ({@link Accounts#login}). */
public sealed interface Login {
    /** The password is the user's. */
    record Accepted(User user) implements Login {}

    /** No such user, or not their password: the two look alike. */
    record Refused() implements Login {}

    /** Too many failed logins from this address or for this username; the password was not checked. */
    record Throttled(Duration retryAfter) implements Login {}

    /** Too many passwords are being checked at once; this one was not. */
    record Busy(Duration retryAfter) implements Login {}

    /** Whole seconds to wait, rounded up, at least 1: the value of a {@code Retry-After} header. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
