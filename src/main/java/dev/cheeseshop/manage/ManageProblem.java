package dev.cheeseshop.manage;

/**
 * Why a management use case refused: a {@link Kind} that an HTTP layer maps to its status, and a
 * message for a person. A refused use case has written nothing.
 */
public final class ManageProblem extends Exception {
    /** What went wrong, with the HTTP status it maps to. */
    public enum Kind {
        /** The arguments make no sense (an unknown role name). */
        BAD_REQUEST(400),
        /** The acting user may not do this to this project. */
        FORBIDDEN(403),
        /** The project, release, file, user or role does not exist. */
        NOT_FOUND(404),
        /** The change contradicts the present state (already yanked, the last Owner, ...). */
        CONFLICT(409);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    ManageProblem(Kind kind, String message) {
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
}
