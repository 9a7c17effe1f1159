package dev.cheeseshop.http;

/**
 * A refusal of the management JSON API, with its HTTP status; {@link ApiV1} answers it as
 * {@code {"errors": [{"status": "...", "detail": "..."}]}}.
 */
public final class ApiError extends Exception {
    private final int status;

    public ApiError(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiError badRequest(String detail) {
        return new ApiError(400, detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, detail);
    }
}
