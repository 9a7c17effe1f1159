package dev.cheeseshop.index;

import dev.cheeseshop.downloads.DownloadTotals;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import java.util.List;

/**
 * The read model of one JSON API document ({@code /pypi/<project>/json} or
 * {@code /pypi/<project>/<version>/json}), from one snapshot: the project, the release the
 * document is about ({@code info}, {@code urls}), the releases with their files (every release for
 * the project document; only the selected one for the release document, which has no
 * {@code releases} key), and who holds which role.
 *
 * @param releases each release with its files in filename order
 * @param allReleases true for the project document, which lists {@code releases}
 * @param roles Owners first, then the rest, each by username (as Python sorts strings)
 * @param downloads the project's downloads for {@code info.downloads} (the same in a release's document)
 */
public record ProjectJson(Project project, Release release, List<ReleaseFiles> releases, boolean allReleases,
        List<Role> roles, DownloadTotals downloads) {

    /** A release and its files. */
    public record ReleaseFiles(Release release, List<DistFile> files) {}

    /** A role on the project as {@code ownership.roles} shows it. */
    public record Role(String role, String user) {}

    /** A document of an index that does not count downloads ({@link DownloadTotals#UNCOUNTED}). */
    public ProjectJson(Project project, Release release, List<ReleaseFiles> releases, boolean allReleases,
            List<Role> roles) {
        this(project, release, releases, allReleases, roles, DownloadTotals.UNCOUNTED);
    }

    public ProjectJson {
        releases = List.copyOf(releases);
        roles = List.copyOf(roles);
    }

    /** The files of the selected release: the document's {@code urls}. */
    public List<DistFile> urls() {
        return releases.stream().filter(r -> r.release().id() == release.id()).findFirst()
                .map(ReleaseFiles::files).orElse(List.of());
    }
}
