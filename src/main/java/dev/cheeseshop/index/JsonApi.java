package dev.cheeseshop.index;

import dev.cheeseshop.downloads.DownloadCounter;
import dev.cheeseshop.downloads.DownloadTotals;
import dev.cheeseshop.downloads.Period;
import dev.cheeseshop.index.ProjectJson.ReleaseFiles;
import dev.cheeseshop.index.ProjectJson.Role;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JSON API's read model: the documents of {@code /pypi/<project>/json} (the latest release,
 * with every release) and {@code /pypi/<project>/<version>/json} (one release), each read from one
 * snapshot. Projects are found by normalised name; versions by canonical form, so {@code 1.0.0}
 * finds release {@code 1.0}. Yanked releases are found like any other.
 */
public final class JsonApi {
    private static final Comparator<DistFile> BY_FILENAME = Comparator.comparing(DistFile::filename, PyJson.KEY_ORDER);
    private static final Comparator<Role> ROLE_ORDER = Comparator.comparing((Role r) -> !r.role().equals(
            RoleName.Owner.name())).thenComparing(Role::user, PyJson.KEY_ORDER);

    private final MetadataStore store;
    private final DownloadCounter downloads;

    /** The JSON API of an index that does not count downloads: {@code info.downloads} is -1 each, as on pypi.org. */
    public JsonApi(MetadataStore store) {
        this(store, null);
    }

    /** The JSON API with {@code info.downloads} read from the counts {@code downloads} flushes (null: not counted). */
    public JsonApi(MetadataStore store, DownloadCounter downloads) {
        this.store = store;
        this.downloads = downloads;
    }

    /** The project's last serial, one indexed read; empty when there is no such project, or it is in quarantine. */
    public Optional<Serial> lastSerial(String normalizedName) {
        return store.read(tx -> visible(tx, normalizedName).map(Project::lastSerial));
    }

    /**
     * The project document; empty when there is no such project, it is in quarantine, or it has
     * no release out of quarantine (releases in quarantine are left out).
     */
    public Optional<ProjectJson> latest(String normalizedName) {
        return store.read(tx -> visible(tx, normalizedName).flatMap(project -> {
            List<Release> releases = tx.releases().forProject(project.id()).stream()
                    .filter(release -> !release.quarantined()).toList();
            return LatestRelease.of(releases).map(latest ->
                    new ProjectJson(project, latest, everyRelease(tx, project, releases), true, roles(tx, project),
                            totals(tx, project)));
        }));
    }

    /**
     * The document of the release whose canonical version is {@code version}'s, if there is one
     * and neither it nor its project is in quarantine.
     */
    public Optional<ProjectJson> release(String normalizedName, String version) {
        String canonical = Version.canonicalize(version);
        return store.read(tx -> visible(tx, normalizedName).flatMap(project ->
                tx.releases().find(project.id(), canonical).filter(release -> !release.quarantined()).map(release -> {
                    List<DistFile> files = tx.files().forRelease(release.id());
                    files = files.stream().sorted(BY_FILENAME).toList();
                    return new ProjectJson(project, release, List.of(new ReleaseFiles(release, files)), false,
                            roles(tx, project), totals(tx, project));
                })));
    }

    private static Optional<Project> visible(Transaction tx, String normalizedName) {
        return tx.projects().find(normalizedName).filter(project -> !project.quarantined());
    }

    private static List<ReleaseFiles> everyRelease(Transaction tx, Project project, List<Release> releases) {
        Map<Long, List<DistFile>> files = tx.files().forProject(project.id()).stream()
                .collect(Collectors.groupingBy(DistFile::releaseId));
        return releases.stream()
                .map(r -> new ReleaseFiles(r, files.getOrDefault(r.id(), List.of()).stream().sorted(BY_FILENAME).toList()))
                .toList();
    }

    /** The project's downloads as flushed to the store (every release's files), or -1 each when not counted. */
    private DownloadTotals totals(Transaction tx, Project project) {
        if (downloads == null) {
            return DownloadTotals.UNCOUNTED;
        }
        long today = downloads.today();
        return DownloadTotals.of(tx.downloads().dailyForProject(project.id(), Period.MONTH.firstDay(today)), today);
    }

    private static List<Role> roles(Transaction tx, Project project) {
        return tx.roles().forProject(project.id()).stream()
                .map(grant -> new Role(grant.role().name(), grant.username()))
                .sorted(ROLE_ORDER)
                .toList();
    }
}
