package dev.cheeseshop.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored release: the normalised version string, its canonical form (trailing zeros dropped,
 * used to find the release again), the metadata of its first upload, and its yank state.
 */
public record Release(
        long id,
        long projectId,
        String version,
        String canonicalVersion,
        ReleaseMetadata metadata,
        boolean yanked,
        String yankedReason,
        Instant created) {

    /** Requires-Python in the form PyPI shows it ({@link VersionSpecifiers#normalize}), if set. */
    public Optional<String> requiresPython() {
        return metadata.first("requires_python").map(VersionSpecifiers::normalize).filter(s -> !s.isBlank());
    }

    public Optional<String> summary() {
        return metadata.first("summary");
    }
}
