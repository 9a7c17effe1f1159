package dev.cheeseshop.upload;

/**
 * Why an upload was refused: an HTTP status and the message PyPI gives in the same situation.
 * The HTTP layer puts the message in the reason phrase and in the body; clients such as twine
 * print it, and {@code twine --skip-existing} looks for "File already exists" in it.
 */
public final class UploadProblem extends Exception {
    private final int status;

    private UploadProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static UploadProblem badRequest(String message) {
        return new UploadProblem(400, message);
    }

    public static UploadProblem forbidden(String message) {
        return new UploadProblem(403, message);
    }

    public static UploadProblem notAllowed(String message) {
        return new UploadProblem(405, message);
    }

    public static UploadProblem gone(String message) {
        return new UploadProblem(410, message);
    }

    public int status() {
        return status;
    }
}
