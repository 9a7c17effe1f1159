package dev.cheeseshop.store;

import dev.cheeseshop.model.Project;
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

    /**
     * The newest releases of all projects with their projects, newest first (by creation time,
     * the later-inserted first on a tie), at most {@code limit}.
     */
    List<ProjectRelease> newest(int limit);

    /** The newest releases of one project, newest first as {@link #newest}, at most {@code limit}. */
    List<Release> newestOf(long projectId, int limit);

    /** A release with its project. */
    record ProjectRelease(Project project, Release release) {}
}
