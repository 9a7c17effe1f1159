package dev.cheeseshop.manage;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a management use case refused: a kind, which each protocol maps to its own form (an HTTP
 * status in the JSON API, exit status 1 on the command line), and one line saying what is wrong.
 */
public final class ManageProblem extends Exception {
    /** The kinds of refusal, with the HTTP status the JSON API answers for each. */
    public enum Kind {
        /** The arguments make no sense (an unknown role name, a bad expiry). */
        BAD_REQUEST(400),
        /** The acting user (or token) may not do this. */
        FORBIDDEN(403),
        /** The project, release, file, user, role or token does not exist. */
        NOT_FOUND(404),
        /** The change contradicts the present state (already yanked, the last Owner, ...). */
        CONFLICT(409),
        /** Too many failed password checks from this address or for this user: try again later. */
        THROTTLED(429),
        /** Too much work at once (password checks): try again shortly. */
        BUSY(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ManageProblem(Kind kind, String message) {
        this(kind, message, null);
    }

    private ManageProblem(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long to wait before trying again, for {@link Kind#THROTTLED} and {@link Kind#BUSY}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    static ManageProblem badRequest(String message) {
        return new ManageProblem(Kind.BAD_REQUEST, message);
    }

    static ManageProblem forbidden(String message) {
        return new ManageProblem(Kind.FORBIDDEN, message);
    }

    static ManageProblem notFound(String message) {
        return new ManageProblem(Kind.NOT_FOUND, message);
    }

    static ManageProblem conflict(String message) {
        return new ManageProblem(Kind.CONFLICT, message);
    }

    static ManageProblem busy(String message, Duration retryAfter) {
        return new ManageProblem(Kind.BUSY, message, retryAfter);
    }

    static ManageProblem throttled(String message, Duration retryAfter) {
        return new ManageProblem(Kind.THROTTLED, message, retryAfter);
    }
}
