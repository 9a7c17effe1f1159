package dev.cheeseshop.index;

import dev.cheeseshop.downloads.DownloadTotals;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.store.RoleStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person reads about a project on its web page, read from one snapshot: the project, the
 * release shown (the latest, or the one asked for), every release not in quarantine (newest
 * version first), the shown release's files (by filename), the roles (Owners first), the newest
 * entries of the project's journal (newest first), and its download totals.
 *
 * <p>The sidebar's fields are derived here, by the same rules as the JSON API's {@code info}
 * ({@link InfoFields}), so that the page and the API never disagree on a project's URLs or
 * classifiers.
 */
public record ProjectOverview(Project project, Release release, boolean latest, List<Release> releases,
        List<DistFile> files, List<RoleStore.Grant> roles, List<JournalEntry> history, boolean moreHistory,
        DownloadTotals downloads) {

    public ProjectOverview {
        releases = List.copyOf(releases);
        files = List.copyOf(files);
        roles = List.copyOf(roles);
        history = List.copyOf(history);
    }

    /** Project-URL labels to URLs, Homepage and Download first, as the JSON API gives them. */
    public Map<String, String> projectUrls() {
        Map<String, String> urls = InfoFields.projectUrls(release.metadata());
        return urls == null ? Map.of() : urls;
    }

    /** The classifiers once each, in trove order. */
    public List<String> classifiers() {
        return InfoFields.classifiers(release.metadata());
    }

    /** The keywords joined with {@code ", "}, if any. */
    public Optional<String> keywords() {
        return Optional.ofNullable(InfoFields.keywords(release.metadata()));
    }

    /** The licence: the SPDX expression (PEP 639) if given, else the License field, else empty. */
    public Optional<String> license() {
        return release.metadata().first("license_expression").filter(s -> !s.isBlank())
                .or(() -> release.metadata().first("license").filter(s -> !s.isBlank()));
    }

    /** A metadata field's first value, unless blank. */
    public Optional<String> field(String key) {
        return release.metadata().first(key).filter(s -> !s.isBlank());
    }

    /** Whether this index counts downloads (else the totals are -1 each). */
    public boolean downloadsCounted() {
        return downloads.lastDay() >= 0;
    }
}
