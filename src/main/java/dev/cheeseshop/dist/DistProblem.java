package dev.cheeseshop.dist;

import java.util.Objects;

/**
 * A distribution file, its filename or its metadata was refused. The message is meant for the
 * uploader as it stands (the upload API puts it in the 400 response); {@link #kind()} tells code
 * which rule failed without parsing text.
 *
 * <p>Checked on purpose: every call that reads an upload can fail this way, and the caller has to
 * turn it into a client error rather than let it become a 500. Genuine I/O failures of the server
 * (a disk error reading the temp file) are {@link java.io.IOException}s, never this.
 *
 * <p>Every message text of the package lives in this file. Where PyPI has a message for the same
 * rule, the text is PyPI's; archive problems carry PyPI's {@code "Invalid distribution file. "}
 * prefix, which PyPI also puts in front of its {@code ZIP archive not accepted} and {@code tar
 * archive not accepted} reasons.
 */
public final class DistProblem extends Exception {
    private static final String INVALID = "Invalid distribution file. ";
    private static final String SEE_ARCHIVES = ". See https://docs.pypi.org/archives for more information";

    /** The closed set of refusals, each with its message template ({@code %s} arguments). */
    public enum Kind {
        // Wheel filenames (texts from packaging.utils.parse_wheel_filename).
        WHEEL_FILENAME_EXTENSION("Invalid wheel filename (extension must be '.whl'): %s"),
        WHEEL_FILENAME_PARTS("Invalid wheel filename (wrong number of parts): %s"),
        WHEEL_FILENAME_PROJECT("Invalid project name: %s"),
        WHEEL_FILENAME_VERSION("Invalid wheel filename (invalid version): %s"),
        WHEEL_FILENAME_BUILD("Invalid build number: %s in %s"),
        WHEEL_FILENAME_TAG("Invalid wheel filename (invalid tag component): %s"),

        // Core metadata.
        METADATA_TOO_LARGE("Core metadata is larger than the limit of %s bytes"),

        // Archive container.
        NOT_A_ZIP(INVALID + "File is not a zipfile"),
        NOT_A_TAR(INVALID + "File is not a tarfile"),
        ZIP_AND_TAR(INVALID + "File is both a zip and a tar file"),
        CORRUPT(INVALID + "File is corrupt or truncated"),
        ZIP_NOT_ACCEPTED(INVALID + "ZIP archive not accepted: %s" + SEE_ARCHIVES),
        TAR_NOT_ACCEPTED(INVALID + "tar archive not accepted: %s" + SEE_ARCHIVES),
        SPARSE_MEMBER(INVALID + "tar archive not accepted: Sparse members are not allowed"
                + SEE_ARCHIVES),
        UNSUPPORTED_COMPRESSION(INVALID + "File does not use a supported compression type"),

        // Resource limits.
        COMPRESSION_RATIO(INVALID + "File exceeds compression ratio of %s"),
        TOO_MANY_MEMBERS(INVALID + "File has more than %s members"),
        TOO_LARGE_UNCOMPRESSED(INVALID + "File expands to more than %s bytes"),
        NAMES_TOO_LONG(INVALID + "Member names take more than %s bytes in total"),
        MEMBER_TOO_LARGE(INVALID + "%s is larger than the limit of %s bytes"),
        MEMBER_SIZE_MISMATCH(INVALID + "%s does not have the size recorded in the archive"),
        MEMBER_CRC_MISMATCH(INVALID + "%s does not match the CRC-32 recorded in the archive"),

        // Member names.
        UNSAFE_MEMBER_PATH(INVALID + "Unsafe member path: %s"),
        UNSAFE_LINK_TARGET(INVALID + "Link %s points outside the archive"),

        // Wheel layout.
        WHEEL_FILENAME_UNSPLITTABLE(INVALID
                + "Unable to parse name and version from wheel filename"),
        WHEEL_FILE_MISSING(INVALID + "WHEEL not found at %s"),
        MULTIPLE_DIST_INFO(INVALID + "Multiple .dist-info directories found: %s"),
        DIST_INFO_MISMATCH(INVALID + ".dist-info directory %s does not match the project name %s"),
        RECORD_MISSING("Wheel '%s' does not contain the required RECORD file: %s"),
        METADATA_MISSING("Wheel '%s' does not contain the required METADATA file: %s"),

        // Sdist layout.
        SDIST_TOP_LEVEL(INVALID + "Incorrect number of top-level directories in sdist"),
        PKG_INFO_MISSING(INVALID + "PKG-INFO not found at %s");

        private final String template;

        Kind(String template) {
            this.template = template;
        }

        /** The message template, with {@code %s} where arguments go. */
        public String template() {
            return template;
        }
    }

    /**
     * Why a zip archive failed the structural check ({@link Kind#ZIP_NOT_ACCEPTED}). The texts are
     * those of Warehouse's {@code warehouse/utils/zipfiles.py} where it has one.
     */
    enum ZipFlaw {
        MALFORMED("Malformed zip file"),
        UNKNOWN_SIGNATURE("Unknown record signature"),
        TRAILING_DATA("Trailing data"),
        DUPLICATE_IN_CENTRAL_DIRECTORY("Duplicate filename in central directory"),
        DUPLICATE_IN_LOCAL_HEADERS("Duplicate filename in local headers"),
        MISSING_IN_LOCAL_HEADERS("Missing filename in local headers"),
        NOT_IN_CENTRAL_DIRECTORY("Filename not in central directory"),
        MISMATCHED_HEADERS("Mis-matched local headers and central directory"),
        MISMATCHED_DATA_SIZE("Mis-matched data size"),
        MISMATCHED_FILE_SIZE("Mis-matched file size"),
        DATA_DESCRIPTOR("ZIP contains a data descriptor"),
        ENCRYPTED("ZIP contains an encrypted member"),
        CENTRAL_DIRECTORY_COMMENT("Comment in central directory"),
        INVALID_CHARACTER("Invalid character in filename"),
        DUPLICATE_EXTRA("Invalid duplicate extra in local file"),
        NAME_NOT_UTF8("Filename not valid UTF-8"),
        NAME_NOT_UNICODE("Filename not unicode"),
        UNICODE_PATH_MISMATCH("Unicode path extra does not match the filename"),
        ZIP64_EXTENSIBLE_DATA("ZIP64 extensible data not allowed"),
        MISMATCHED_RECORD_COUNT("Mismatched central directory records"),
        MISMATCHED_OFFSET("Mismatched central directory offset"),
        MISMATCHED_SIZE("Mismatched central directory size");

        final String text;

        ZipFlaw(String text) {
            this.text = text;
        }
    }

    /** Why a tar archive was not accepted ({@link Kind#TAR_NOT_ACCEPTED}). */
    enum TarFlaw {
        MALFORMED_HEADER("Malformed member header"),
        HEADER_TOO_LARGE("Extended header or long name is too large"),
        TOO_MANY_HEADERS("Too many extended headers for one member"),
        DATA_ON_NON_FILE("Member of this type cannot carry data");

        final String text;

        TarFlaw(String text) {
            this.text = text;
        }
    }

    private final Kind kind;

    private DistProblem(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** A problem of the given kind, its template filled with {@code args}. */
    public static DistProblem of(Kind kind, Object... args) {
        Objects.requireNonNull(kind, "kind");
        return new DistProblem(kind, args.length == 0 ? kind.template : kind.template.formatted(args));
    }

    static DistProblem zip(ZipFlaw flaw) {
        return of(Kind.ZIP_NOT_ACCEPTED, flaw.text);
    }

    static DistProblem tar(TarFlaw flaw) {
        return of(Kind.TAR_NOT_ACCEPTED, flaw.text);
    }

    /** Which rule failed. */
    public Kind kind() {
        return kind;
    }
}
