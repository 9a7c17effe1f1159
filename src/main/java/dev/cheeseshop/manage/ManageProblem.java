package dev.cheeseshop.manage;

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

    public ManageProblem(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
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

    static ManageProblem busy(String message) {
        return new ManageProblem(Kind.BUSY, message);
    }
}
