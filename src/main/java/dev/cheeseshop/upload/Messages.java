package dev.cheeseshop.upload;

import dev.cheeseshop.model.ProjectName;

/**
 * Every message the upload endpoint answers with, word for word as pypi.org writes it (see
 * warehouse-http.md §1.4). Tools print these, and some parse them.
 */
final class Messages {
    static final String CORE_METADATA_URL = "https://packaging.python.org/specifications/core-metadata";
    static final String LOCAL_VERSIONS_URL =
            "https://packaging.python.org/en/latest/specifications/version-specifiers/#local-version-identifiers";
    static final String INVALID_AUTH = "Invalid or non-existent authentication information. "
            + "See https://pypi.org/help/#invalid-auth for more information.";
    static final String UNKNOWN_PROTOCOL = "Unknown protocol version.";
    static final String NO_FILE = "Upload payload does not have a file.";
    static final String INVALID_DIST_FILE = "Invalid distribution file.";
    static final String CONTROL_CHARACTERS = "Cannot upload a file with non-printable characters (ordinals 0-31) "
            + "or the DEL character (ordinal 127) in the name.";
    static final String PATH_SEPARATORS = "Cannot upload a file with '/' or '\\' in the name.";
    static final String BAD_EXTENSION = "Invalid file extension: Use .tar.gz, .whl or .zip extension. "
            + "See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information";
    static final String DIGEST_MISMATCH = "The digest supplied does not match a digest calculated from the uploaded file.";
    static final String FILENAME_REUSED = "This filename was previously used by a file that has since been deleted. "
            + "Use a different version. See https://pypi.org/help/#file-name-reuse for more information.";
    static final String ONE_SDIST = "Only one sdist may be uploaded per release.";
    static final String PREREGISTRATION_GONE =
            "Project pre-registration is no longer required or supported, upload your files instead.";
    static final String DOC_UPLOAD_GONE =
            "Uploading documentation is no longer supported, we recommend using https://readthedocs.org/.";

    private Messages() {}

    static String extensionForFiletype(String extension, String filetype) {
        return "Invalid file extension: Extension " + extension + " is invalid for filetype " + filetype
                + ". See https://www.python.org/dev/peps/pep-0527 for more information.";
    }

    static String fileTooLarge(String project, long limitBytes) {
        return "File too large. Limit for project '" + project + "' is " + size(limitBytes)
                + ". See https://docs.pypi.org/project-management/storage-limits"
                + "#requesting-a-file-size-limit-increase for more information.";
    }

    /** In whole MB as PyPI writes it; a configured limit that is no whole number of MiB in KB or bytes. */
    private static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    static String fileExists(String filename, String blake2b256) {
        return "File already exists ('" + filename + "', with blake2_256 hash '" + blake2b256
                + "'). See https://pypi.org/help/#file-name-reuse for more information.";
    }

    /** PyPI's prefix for a token whose caveats refuse the request (warehouse-http.md §1.2). */
    static final String INVALID_TOKEN = "Invalid API Token: ";
    static final String TOKEN_EXPIRED = INVALID_TOKEN + "token is expired";

    /**
     * A scoped token used on a project outside its scope. pypi.org's prefix; the detail is ours
     * (warehouse-http.md does not record pypi.org's caveat texts), and names the scope.
     */
    static String outOfScope(java.util.List<String> scope, String project) {
        return INVALID_TOKEN + scopeText(scope) + " and is not valid for project '" + project + "'";
    }

    /** A scoped token used to create a project: never allowed, whatever its scope. */
    static String scopedCannotCreate(java.util.List<String> scope, String project) {
        return INVALID_TOKEN + scopeText(scope) + " and cannot create the new project '" + project + "'";
    }

    private static String scopeText(java.util.List<String> scope) {
        return "token is scoped to project(s) " + String.join(", ", scope.stream().map(p -> "'" + p + "'").toList());
    }

    static String notAllowedToUpload(String username, String project) {
        return "The user '" + username + "' isn't allowed to upload to project '" + project
                + "'. See https://pypi.org/help/#project-name for more information.";
    }

    static String startFilenameWith(ProjectName project) {
        return "Start filename for '" + project.display() + "' with '" + project.filenameForm() + "'.";
    }

    static String versionInFilename(String expected, String found) {
        return "Version in filename should be '" + expected + "' not '" + found + "'.";
    }

    static String invalidSdistFilename(String filename) {
        return "Invalid source distribution filename: " + filename;
    }

    static String sdistFilenameShouldBe(String filename, String expected) {
        return "Filename '" + filename + "' is invalid, should be '" + expected + "'.";
    }

    static String nameConflict(String name) {
        return "The name '" + name + "' conflicts with an existing project. "
                + "See https://pypi.org/help/#project-name for more information.";
    }
}
