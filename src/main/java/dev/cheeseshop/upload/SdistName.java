package dev.cheeseshop.upload;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Version;
import java.util.Optional;

/**
 * Reads the project name and version out of an sdist filename. The standard form (PEP 625) is
 * {@code <name with _>-<version>.tar.gz}, but setuptools before 69 wrote the name as the project
 * spells it ({@code demo-pkg-0.1.0.tar.gz}), so a dash may sit inside the name: every split point
 * is tried, and the one whose name normalises to the project wins.
 */
final class SdistName {
    private SdistName() {}

    /** The version part of {@code stem} when its name part is {@code project}'s, else empty. */
    static Optional<String> versionFor(String stem, ProjectName project) {
        for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
            String name = stem.substring(0, dash);
            if (ProjectName.normalize(name).equals(project.normalized())) {
                return Optional.of(stem.substring(dash + 1));
            }
        }
        return Optional.empty();
    }

    /** Checks {@code filename} (a {@code .tar.gz}) names this project and version. */
    static void check(String filename, ProjectName project, Version version) throws UploadProblem {
        String stem = filename.substring(0, filename.length() - ".tar.gz".length());
        Optional<String> found = versionFor(stem, project);
        if (found.isEmpty()) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, Messages.startFilenameWith(project));
        }
        Optional<Version> parsed = Version.tryParse(found.get());
        if (parsed.isEmpty()) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, Messages.invalidSdistFilename(filename));
        }
        if (!parsed.get().equals(version)) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FILENAME, Messages.versionInFilename(version.toString(), found.get()));
        }
    }
}
