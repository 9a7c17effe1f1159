package dev.cheeseshop.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored release: the normalised version string, its canonical form (trailing zeros dropped,
 * used to find the release again), the metadata of its first upload, its yank state, and whether
 * an administrator has put it in quarantine (hidden from installers, kept whole).
 */
public record Release(
        long id,
        long projectId,
        String version,
        String canonicalVersion,
        ReleaseMetadata metadata,
        boolean yanked,
        String yankedReason,
        Instant created,
        boolean quarantined) {

    /** A release not in quarantine. */
    public Release(long id, long projectId, String version, String canonicalVersion, ReleaseMetadata metadata,
            boolean yanked, String yankedReason, Instant created) {
        this(id, projectId, version, canonicalVersion, metadata, yanked, yankedReason, created, false);
    }

    /** Requires-Python in the form PyPI shows it ({@link VersionSpecifiers#normalize}), if set. */
    public Optional<String> requiresPython() {
        return metadata.first("requires_python").map(VersionSpecifiers::normalize).filter(s -> !s.isBlank());
    }

    public Optional<String> summary() {
        return metadata.first("summary");
    }
}
