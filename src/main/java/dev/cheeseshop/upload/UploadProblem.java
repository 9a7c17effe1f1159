package dev.cheeseshop.upload;

import java.util.Locale;

/**
 * Why an upload was refused: an HTTP status and the message PyPI gives in the same situation.
 * The HTTP layer puts the message in the reason phrase and in the body; clients such as twine
 * print it, and {@code twine --skip-existing} looks for "File already exists" in it. The
 * {@link Reason} says which step refused it, from a closed set (the metrics count by it).
 */
public final class UploadProblem extends Exception {
    /** The step that refused an upload. */
    public enum Reason {
        /** The form: protocol version, fields, digests given, a malformed multipart body. */
        FORM,
        /** The core metadata fields of the form (name, version, Requires-Python, ...). */
        METADATA,
        /** The filename: its form, extension, project and version. */
        FILENAME,
        /** The digests the client sent do not match the file. */
        DIGEST,
        /** The file is no valid distribution (content type, archive structure, metadata inside). */
        ARCHIVE,
        /** The file, or the other parts of the body, over their limits. */
        TOO_LARGE,
        /** The user, or the token's scope, may not upload to this project. */
        PERMISSION,
        /** The file exists under its name or content, its name was used before, or its release has an sdist. */
        DUPLICATE,
        /** An action PyPI no longer offers (registering, documentation uploads). */
        GONE,
        /** No upload action at all. */
        METHOD;

        /** The metrics label: the name in lower case. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int status;
    private final Reason reason;

    private UploadProblem(int status, Reason reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public static UploadProblem badRequest(Reason reason, String message) {
        return new UploadProblem(400, reason, message);
    }

    /** The user or token may not upload to the project. */
    public static UploadProblem forbidden(String message) {
        return new UploadProblem(403, Reason.PERMISSION, message);
    }

    public static UploadProblem notAllowed(String message) {
        return new UploadProblem(405, Reason.METHOD, message);
    }

    public static UploadProblem gone(String message) {
        return new UploadProblem(410, Reason.GONE, message);
    }

    public int status() {
        return status;
    }

    public Reason reason() {
        return reason;
    }
}
