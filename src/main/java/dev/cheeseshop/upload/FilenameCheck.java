package dev.cheeseshop.upload;

import dev.cheeseshop.model.PackageType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks a filename must pass before anything else is done with it: no control characters,
 * no path separators or dot segments (a filename never becomes a path by itself), and an
 * extension the file type allows.
 */
final class FilenameCheck {
    private static final Map<PackageType, Set<String>> EXTENSIONS = Map.of(
            PackageType.sdist, Set.of(".zip", ".tar.gz"),
            PackageType.bdist_wheel, Set.of(".whl"));
    private static final int MAX_LENGTH = 255;

    private FilenameCheck() {}

    static void check(String filename, PackageType filetype) throws UploadProblem {
        if (filename == null || filename.isEmpty()) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, Messages.NO_FILE);
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c < 32 || c == 127) {
                throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, Messages.CONTROL_CHARACTERS);
            }
        }
        if (filename.contains("/") || filename.contains("\\")) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, Messages.PATH_SEPARATORS);
        }
        if (filename.equals(".") || filename.equals("..") || filename.startsWith(".")) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, "Cannot upload a file whose name starts with '.'.");
        }
        if (filename.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, "Filename is too long: '" + filename + "'");
        }
        String extension = extension(filename);
        if (extension == null) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, Messages.BAD_EXTENSION);
        }
        if (!EXTENSIONS.get(filetype).contains(extension)) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, Messages.extensionForFiletype(extension, filetype.name()));
        }
    }

    /** {@code .tar.gz}, {@code .zip} or {@code .whl} as written (any case), or null. */
    static String extension(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".tar.gz", ".zip", ".whl"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return filename.substring(filename.length() - ext.length());
            }
        }
        return null;
    }
}
