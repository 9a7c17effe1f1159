package dev.cheeseshop.upload;

/**
 * The declared type of the file part, judged as pypi.org judges it: the media type (what comes
 * before any {@code ;}, trimmed) must not be empty and must not start with {@code image/}.
 *
 * <p>A part that declares no type at all is {@code text/plain}, the default Python's cgi parser
 * (which WebOb, and so Warehouse, reads multipart bodies with) gives a part inside a multipart
 * body; flit sends its files that way, and pypi.org accepts them. A header that is present but
 * blank declares the empty type and is refused. The comparison is Warehouse's
 * {@code type.startswith("image/")}, so it is case-sensitive: {@code IMAGE/PNG} passes there and
 * here (the archive checks refuse an actual image anyway).
 */
final class ContentTypeCheck {
    /** What a part without a Content-Type header is. */
    static final String DEFAULT_PART_TYPE = "text/plain";

    private ContentTypeCheck() {}

    /** {@code declared} is the part's Content-Type header value, null when it has none. */
    static void check(String declared) throws UploadProblem {
        String type = mediaType(declared);
        if (type.isEmpty() || type.startsWith("image/")) {
            throw UploadProblem.badRequest(UploadProblem.Reason.ARCHIVE, Messages.INVALID_DIST_FILE);
        }
    }

    /** The media type without its parameters, as cgi's {@code parse_header} reads it. */
    static String mediaType(String declared) {
        if (declared == null) {
            return DEFAULT_PART_TYPE;
        }
        int semicolon = declared.indexOf(';');
        return (semicolon < 0 ? declared : declared.substring(0, semicolon)).strip();
    }
}
