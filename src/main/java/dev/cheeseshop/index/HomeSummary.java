package dev.cheeseshop.index;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.ReleaseStore;
import java.util.List;

/**
 * What the home page shows of the index, read from one snapshot: how many projects, releases and
 * files it holds, the journal's last serial, the newest releases and the newest projects. Every
 * part changes only with a journaled change, so the page is a function of the last serial.
 */
public record HomeSummary(long projects, long releases, long files, Serial lastSerial,
        List<ReleaseStore.ProjectRelease> newestReleases, List<Project> newestProjects) {
    /** How many of each list the page shows. */
    public static final int NEWEST = 10;

    public HomeSummary {
        newestReleases = List.copyOf(newestReleases);
        newestProjects = List.copyOf(newestProjects);
    }

    /** The summary as {@code tx} sees it: counts (scans of each table's smallest index) and two indexed lists. */
    public static HomeSummary read(Transaction tx) {
        return new HomeSummary(tx.projects().count(), tx.releases().count(), tx.files().count(),
                tx.journal().last().orElse(Serial.NONE), tx.releases().newest(NEWEST), tx.projects().newest(NEWEST));
    }
}
