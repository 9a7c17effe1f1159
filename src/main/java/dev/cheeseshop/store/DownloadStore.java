package dev.cheeseshop.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Download counts: how many times each file was downloaded on each UTC day (days since the epoch).
 * Counts are added to in batches ({@link #add}), never written per download, and are shared by
 * every process on the database. A removed file's counts go with its row (they cascade).
 */
public interface DownloadStore {
    /**
     * Adds each count to the stored count of its (file, day), one row per pair: a pair not stored
     * yet starts at the count. A count for a file that no longer exists is dropped.
     */
    void add(Collection<Count> counts);

    /** Every file's downloads on {@code day}, summed: it moves whenever any process adds a count for that day. */
    long totalOn(long day);

    /** The project's downloads per day from {@code fromDay} on (days without any are left out), by day. */
    Map<Long, Long> dailyForProject(long projectId, long fromDay);

    /** The downloads of each of the project's files from {@code fromDay} on (files without any are left out), by filename. */
    List<FileDownloads> filesForProject(long projectId, long fromDay);

    /**
     * The {@code limit} projects downloaded most from {@code fromDay} on, most first, then by
     * normalised name; projects without downloads are left out.
     */
    List<ProjectDownloads> top(long fromDay, int limit);

    /** Downloads of one file on one day, to add to the stored count. */
    record Count(long fileId, long day, long downloads) {}

    /** A file's downloads over a period. */
    record FileDownloads(String filename, long downloads) {}

    /** A project's downloads over a period. */
    record ProjectDownloads(String name, String normalizedName, long downloads) {}
}
