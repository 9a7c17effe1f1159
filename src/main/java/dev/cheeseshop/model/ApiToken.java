package dev.cheeseshop.model;

import java.time.Instant;
import java.util.List;

/**
 * An API token as stored: never the secret, which is shown once and kept only as a digest.
 * {@code projects} holds the normalised names of the projects it is scoped to (empty: not
 * scoped, it may do whatever its user may). {@code expires}, {@code lastUsed} and
 * {@code revoked} are null until they apply.
 */
public record ApiToken(long id, long userId, String name, List<String> projects, Instant created, Instant expires,
        Instant lastUsed, Instant revoked) {
    public ApiToken {
        projects = List.copyOf(projects);
    }

    public boolean scoped() {
        return !projects.isEmpty();
    }

    /** Usable at {@code now}: not revoked, and not past its expiry. */
    public boolean validAt(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }
}
