package dev.cheeseshop.store;

import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Releases of a project, identified by their canonical version. */
public interface ReleaseStore {
    Optional<Release> find(long projectId, String canonicalVersion);

    /** Creates a release; {@link UniqueViolation} when the project has one with this canonical version. */
    Release insert(long projectId, String version, String canonicalVersion, ReleaseMetadata metadata, Instant created);

    List<Release> forProject(long projectId);

    /** Sets the release's PEP 592 yank state; {@code reason} is kept only while yanked (null for none). */
    void setYanked(long releaseId, boolean yanked, String reason);
}
