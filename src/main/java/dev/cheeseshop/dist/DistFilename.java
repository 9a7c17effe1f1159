package dev.cheeseshop.dist;

import dev.cheeseshop.model.ProjectName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The version a distribution's filename gives, for a file of a known project, as pip reads it from
 * a link: a wheel's second field (PEP 427), or what follows the project's name and a hyphen in an
 * sdist's name ({@code Foo_Bar-1.0.tar.gz} for project {@code foo-bar}), the name matched
 * normalised (PEP 503). Eggs and anything else give nothing.
 */
public final class DistFilename {
    /** pip's archive formats ({@code pip._internal.utils.filetypes}): zip, tar, bzip2 and xz/lzma. */
    private static final List<String> SDIST_SUFFIXES = List.of(".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz",
            ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar", ".zip");

    private DistFilename() {}

    /** The version as written in {@code filename}, or empty when it names no file of the project. */
    public static Optional<String> version(String normalizedProject, String filename) {
        if (filename.endsWith(".whl")) {
            return WheelFilename.tryParse(filename)
                    .filter(w -> w.normalizedName().equals(normalizedProject))
                    .map(WheelFilename::version);
        }
        String lower = filename.toLowerCase(Locale.ROOT);
        for (String suffix : SDIST_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return sdistVersion(normalizedProject, filename.substring(0, filename.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sdistVersion(String normalizedProject, String stem) {
        for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
            if (ProjectName.normalize(stem.substring(0, dash)).equals(normalizedProject)) {
                String version = stem.substring(dash + 1);
                return version.isEmpty() ? Optional.empty() : Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
