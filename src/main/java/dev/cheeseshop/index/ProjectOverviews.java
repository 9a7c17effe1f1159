package dev.cheeseshop.index;

import dev.cheeseshop.downloads.DownloadCounter;
import dev.cheeseshop.downloads.DownloadTotals;
import dev.cheeseshop.downloads.Period;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.RoleStore;
import dev.cheeseshop.store.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@link ProjectOverview} inside a caller's read transaction, by index: the project row,
 * its releases, the shown release's files, its roles, and the newest {@value #HISTORY} entries of
 * its journal (one backward range of the journal's project index). A project in quarantine, or
 * with no release out of quarantine, has no page; nor has a release in quarantine.
 */
public final class ProjectOverviews {
    /** How many journal entries the page shows; the rest are one link away, a page at a time. */
    public static final int HISTORY = 30;
    private static final Comparator<Release> NEWEST_VERSION_FIRST =
            Comparator.comparing((Release r) -> Version.parse(r.version())).reversed();

    private final DownloadCounter downloads;

    /** {@code downloads}: the counter whose flushed counts the page shows; null when downloads are not counted. */
    public ProjectOverviews(DownloadCounter downloads) {
        this.downloads = downloads;
    }

    /** The project's page ({@code version} null: its latest release), if it has one. */
    public Optional<ProjectOverview> read(Transaction tx, Project project, String version) {
        if (project.quarantined()) {
            return Optional.empty();
        }
        List<Release> releases = new ArrayList<>(tx.releases().forProject(project.id()));
        releases.removeIf(Release::quarantined);
        releases.sort(NEWEST_VERSION_FIRST);
        Optional<Release> shown;
        if (version == null) {
            shown = LatestRelease.of(releases);
        } else {
            String canonical = Version.tryParse(version).map(Version::canonical).orElse(null);
            shown = releases.stream().filter(r -> r.canonicalVersion().equals(canonical)).findFirst();
        }
        return shown.map(release -> {
            List<DistFile> files = new ArrayList<>(tx.files().forRelease(release.id()));
            files.sort(Comparator.comparing(DistFile::filename));
            List<JournalEntry> history = new ArrayList<>(HISTORY + 1);
            tx.journal().newestForProject(project.normalizedName(), HISTORY + 1, history::add);
            boolean more = history.size() > HISTORY;
            if (more) {
                history.remove(HISTORY);
            }
            boolean latest = LatestRelease.of(releases).map(r -> r.id() == release.id()).orElse(false);
            return new ProjectOverview(project, release, latest, releases, files, roles(tx, project), history, more,
                    totals(tx, project));
        });
    }

    private static List<RoleStore.Grant> roles(Transaction tx, Project project) {
        List<RoleStore.Grant> roles = new ArrayList<>(tx.roles().forProject(project.id()));
        roles.sort(Comparator.comparing((RoleStore.Grant g) -> g.role() != RoleName.Owner)
                .thenComparing(RoleStore.Grant::username, String.CASE_INSENSITIVE_ORDER));
        return roles;
    }

    private DownloadTotals totals(Transaction tx, Project project) {
        if (downloads == null) {
            return DownloadTotals.UNCOUNTED;
        }
        long today = downloads.today();
        return DownloadTotals.of(tx.downloads().dailyForProject(project.id(), Period.MONTH.firstDay(today)), today);
    }
}
