package dev.cheeseshop.index;

import dev.cheeseshop.downloads.Period;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.DownloadStore.FileDownloads;
import dev.cheeseshop.store.DownloadStore.ProjectDownloads;
import dev.cheeseshop.store.MetadataStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The management API's reads of download counts, each in one read transaction: a project's
 * downloads over a {@link Period} with each file's, and the projects downloaded most. They show the
 * counts flushed to the store (by every process), not those still in a server's memory. A project
 * in quarantine is shown only to those who may see it ({@link ProjectDetails#visible}).
 */
public final class DownloadReports {
    /** The top listing's length unless asked for another, and the most it may be. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final MetadataStore store;
    private final Clock clock;

    public DownloadReports(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A project's downloads over a period (from {@code firstDay} to {@code lastDay}, in days since 1970-01-01). */
    public record ProjectReport(Project project, long firstDay, long lastDay, long downloads, List<FileDownloads> files) {}

    /** The most downloaded projects over a period, most first. */
    public record TopReport(long firstDay, long lastDay, List<ProjectDownloads> projects) {}

    /** Empty when the project does not exist for the viewer. */
    public Optional<ProjectReport> project(String name, Period period, User viewer) {
        long today = Period.dayOf(clock.instant());
        long first = period.firstDay(today);
        return store.read(tx -> ProjectDetails.visible(tx, name, viewer).map(project -> {
            List<FileDownloads> files = tx.downloads().filesForProject(project.id(), first);
            long total = files.stream().mapToLong(FileDownloads::downloads).sum();
            return new ProjectReport(project, first, today, total, files);
        }));
    }

    /** The {@code limit} (1 to {@link #MAX_LIMIT}) projects downloaded most over the period, quarantined ones included. */
    public TopReport top(Period period, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
        long today = Period.dayOf(clock.instant());
        long first = period.firstDay(today);
        return new TopReport(first, today, store.read(tx -> tx.downloads().top(first, limit)));
    }
}
