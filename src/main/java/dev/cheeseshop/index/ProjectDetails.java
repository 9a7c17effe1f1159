package dev.cheeseshop.index;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.User;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.RoleStore;
import dev.cheeseshop.store.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The management API's reads of one project, each in one read transaction and by index: the
 * project with its roles and releases, one release with its files, and the project's journal a
 * page at a time. Nothing here renders; {@code http.ProjectReadApi} does.
 *
 * <p>A project or release in quarantine is shown only to those who may see it ({@link #mayView}):
 * the project's Owners and Maintainers and the server's administrators. To anyone else a project
 * in quarantine does not exist, and a release in quarantine is not among its releases.
 */
public final class ProjectDetails {
    /** Journal pages: at most this many entries unless asked for fewer. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final MetadataStore store;

    public ProjectDetails(MetadataStore store) {
        this.store = store;
    }

    /** A project, its roles (Owners first) and its releases in PEP 440 order, oldest version first. */
    public record ProjectView(Project project, List<RoleStore.Grant> roles, List<Release> releases) {}

    /** A release of a project with its files, by filename. */
    public record ReleaseView(Project project, Release release, List<DistFile> files) {}

    /** A page of a project's journal; {@code next} is the {@code after} of the next page, if there is one. */
    public record JournalPage(Project project, List<JournalEntry> entries, Optional<Serial> next) {}

    public Optional<ProjectView> project(String name, User viewer) {
        return store.read(tx -> visible(tx, name, viewer).map(project -> {
            boolean privileged = mayView(tx, project, viewer);
            List<Release> releases = new ArrayList<>(tx.releases().forProject(project.id()));
            releases.removeIf(release -> release.quarantined() && !privileged);
            releases.sort(Comparator.comparing((Release r) -> Version.parse(r.version())));
            return new ProjectView(project, tx.roles().forProject(project.id()), List.copyOf(releases));
        }));
    }

    /** Empty when the project or the release (by any spelling of its version) does not exist for the viewer. */
    public Optional<ReleaseView> release(String name, String version, User viewer) {
        Optional<Version> parsed = Version.tryParse(version == null ? "" : version);
        return store.read(tx -> visible(tx, name, viewer).flatMap(project -> parsed
                .flatMap(v -> tx.releases().find(project.id(), v.canonical()))
                .filter(release -> !release.quarantined() || mayView(tx, project, viewer))
                .map(release -> {
                    List<DistFile> files = new ArrayList<>(tx.files().forRelease(release.id()));
                    files.sort(Comparator.comparing(DistFile::filename));
                    return new ReleaseView(project, release, List.copyOf(files));
                })));
    }

    /**
     * The project's entries with a serial above {@code after}, oldest first, at most {@code limit}
     * (1 to {@link #MAX_LIMIT}); empty when the project does not exist for the viewer.
     */
    public Optional<JournalPage> journal(String name, Serial after, int limit, User viewer) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
        return store.read(tx -> visible(tx, name, viewer).map(project -> {
            List<JournalEntry> entries = new ArrayList<>(limit + 1);
            tx.journal().forProject(project.normalizedName(), after, limit + 1, entries::add);
            Optional<Serial> next = Optional.empty();
            if (entries.size() > limit) {
                entries.remove(limit);
                next = Optional.of(entries.get(limit - 1).serial());
            }
            return new JournalPage(project, List.copyOf(entries), next);
        }));
    }

    /** The project by any spelling of its name, unless it is in quarantine and the viewer may not see it. */
    public static Optional<Project> visible(Transaction tx, String name, User viewer) {
        return tx.projects().find(ProjectName.normalize(name))
                .filter(project -> !project.quarantined() || mayView(tx, project, viewer));
    }

    /** Whether the viewer may see the project's quarantined parts: an administrator, or one of its Owners or Maintainers. */
    static boolean mayView(Transaction tx, Project project, User viewer) {
        return viewer.admin() || tx.roles().find(project.id(), viewer.id()).isPresent();
    }
}
