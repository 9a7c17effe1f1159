package dev.cheeseshop.store;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Releases of a project, identified by their canonical version. */
public interface ReleaseStore {
    Optional<Release> find(long projectId, String canonicalVersion);

    /** Creates a release; {@link UniqueViolation} when the project has one with this canonical version. */
    default Release insert(long projectId, String version, String canonicalVersion, ReleaseMetadata metadata,
            Instant created) {
        return insert(projectId, version, canonicalVersion, metadata, created, null);
    }

    /**
     * Creates a release with its rendered description (null: none rendered, left for
     * {@link #setDescription}); {@link UniqueViolation} when the project has one with this canonical version.
     */
    Release insert(long projectId, String version, String canonicalVersion, ReleaseMetadata metadata, Instant created,
            StoredDescription description);

    /**
     * A release's description as rendered for its page: sanitised HTML, the renderer's name, and
     * the note saying why it fell back to plain text (null for none). Kept beside the release
     * because rendering takes a child process (reStructuredText) and the metadata never changes.
     */
    record StoredDescription(String html, String renderer, String problem) {
        public StoredDescription {
            java.util.Objects.requireNonNull(html, "html");
            java.util.Objects.requireNonNull(renderer, "renderer");
        }
    }

    /** The release's stored description; empty when it was never rendered (uploaded before V10) or there is no such release. */
    Optional<StoredDescription> description(long releaseId);

    /** Stores the release's rendered description, replacing any. */
    void setDescription(long releaseId, StoredDescription description);

    /**
     * Up to {@code limit} releases with no stored description (uploaded before V10), with ids above
     * {@code afterId}, by id: a walk over them a page at a time, each page one range of the
     * primary key.
     */
    List<Release> undescribed(long afterId, int limit);

    List<Release> forProject(long projectId);

    /** Deletes the release with its files and classifiers; the files' names stay in the filename registry. */
    void delete(long releaseId);

    /**
     * Every release that carries all of {@code classifiers} (as uploaded), by project display name
     * then version, both compared as text, streamed to {@code sink}. Nothing for an empty list, and
     * nothing when a classifier is listed twice (PyPI's {@code browse} counts matches).
     */
    void withAllClassifiers(List<String> classifiers, Consumer<NamedRelease> sink);

    /** A release named for display: the project's display name and the version as uploaded. */
    record NamedRelease(String projectName, String version) {}

    /**
     * The newest releases not in quarantine of the projects not in quarantine, with their projects, newest first (by creation time,
     * the later-inserted first on a tie), at most {@code limit}.
     */
    List<ProjectRelease> newest(int limit);

    /** The newest releases not in quarantine of one project, newest first as {@link #newest}, at most {@code limit}. */
    List<Release> newestOf(long projectId, int limit);

    /** A release with its project. */
    record ProjectRelease(Project project, Release release) {}

    /** Puts the release in quarantine from {@code since}, or takes it out with null. */
    void setQuarantined(long releaseId, Instant since);

    /** Sets the release's PEP 592 yank state; {@code reason} is kept only while yanked (null for none). */
    void setYanked(long releaseId, boolean yanked, String reason);

    /** How many releases there are, of all projects: a scan of the smallest index, not of the table. */
    long count();
}
