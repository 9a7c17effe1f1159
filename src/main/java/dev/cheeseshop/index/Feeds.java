package dev.cheeseshop.index;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The RSS feeds' read model, with pypi.org's choices and limits: the newest 100 releases of all
 * projects, the newest 40 projects that have a release, and the newest 40 releases of one
 * project. Each feed is read from one consistent snapshot, newest first (the later-inserted first
 * when two were created in the same microsecond).
 */
public final class Feeds {
    public static final int UPDATES = 100;
    public static final int PACKAGES = 40;
    public static final int PROJECT_RELEASES = 40;

    private final MetadataStore store;

    public Feeds(MetadataStore store) {
        this.store = store;
    }

    /**
     * One item: the project's names, a version, that release's summary and {@code Author-email}
     * (as uploaded, possibly absent), and the time the item is dated by.
     */
    public record Entry(String projectName, String normalizedName, String version, Optional<String> summary,
            Optional<String> authorEmail, Instant created) {}

    /** One project's feed. */
    public record ProjectFeed(String projectName, String normalizedName, List<Entry> releases) {}

    /** The newest releases of all projects, each dated by its creation. */
    public List<Entry> updates() {
        return store.read(tx -> tx.releases().newest(UPDATES).stream()
                .map(pr -> entry(pr.project(), pr.release(), pr.release().created()))
                .toList());
    }

    /**
     * The newest projects with at least one release, each dated by the project's creation and
     * described by its highest version (as pypi.org's {@code releases[0]}).
     */
    public List<Entry> packages() {
        return store.read(tx -> tx.projects().newest(PACKAGES).stream()
                .map(project -> entry(project, highest(tx, project), project.created()))
                .toList());
    }

    /** The feed of the project whose name normalises as {@code name} does, if there is one not in quarantine. */
    public Optional<ProjectFeed> project(String name) {
        return store.read(tx -> tx.projects().find(ProjectName.normalize(name))
                .filter(project -> !project.quarantined()).map(project -> new ProjectFeed(
                project.displayName(), project.normalizedName(),
                tx.releases().newestOf(project.id(), PROJECT_RELEASES).stream()
                        .map(release -> entry(project, release, release.created()))
                        .toList())));
    }

    private static Release highest(Transaction tx, Project project) {
        return tx.releases().forProject(project.id()).stream()
                .filter(release -> !release.quarantined())
                .max(Comparator.comparing((Release r) -> Version.parse(r.version())))
                .orElseThrow(() -> new IllegalStateException("project without releases: " + project.normalizedName()));
    }

    private static Entry entry(Project project, Release release, Instant created) {
        return new Entry(project.displayName(), project.normalizedName(), release.version(), release.summary(),
                release.metadata().first("author_email"), created);
    }
}
