package dev.cheeseshop.store;

import dev.cheeseshop.model.DistFile;
import java.util.List;
import java.util.Optional;

/**
 * Distribution files. Filenames are unique across the whole index, and so is content (by
 * BLAKE2b-256). Every filename ever inserted is remembered, even after the file is deleted.
 */
public interface FileStore {
    Optional<DistFile> findByFilename(String filename);

    Optional<DistFile> findByBlake2(String blake2b256);

    Optional<DistFile> findByPath(String path);

    /** The file at {@code path} when neither its release nor its project is in quarantine: what may be downloaded. */
    Optional<DistFile> findServable(String path);

    /** True when a file of this name was ever inserted, deleted since or not. */
    boolean everUsed(String filename);

    /**
     * Inserts the file (its {@code id} is ignored) and records its name in the filename registry;
     * {@link UniqueViolation} when the filename, content or path is already taken.
     */
    DistFile insert(DistFile file);

    /**
     * Deletes the file's row. Its name stays in the filename registry ({@link #everUsed}), so it
     * can never be uploaded again; its blobs are the caller's to remove after the commit.
     */
    void delete(long fileId);

    List<DistFile> forRelease(long releaseId);

    List<DistFile> forProject(long projectId);

    /**
     * Up to {@code limit} files whose id is greater than {@code afterId}, in id order: one page of
     * a walk over every file by its primary key (start at 0, then pass the last id of each page),
     * so that a long scan never needs one long transaction nor all rows at once.
     */
    List<DistFile> page(long afterId, int limit);

    /** A file as a project's Simple page lists it: with what the page shows of its release. */
    record ListedFile(DistFile file, String version, String requiresPython, boolean yanked, String yankedReason) {}

    /**
     * The files of the project's releases not in quarantine, each with its release's version,
     * {@code Requires-Python} and yank state, in no particular order: all a Simple page reads
     * after the project's row, in one query.
     */
    List<ListedFile> listed(long projectId);

    /** How many distribution files there are: a scan of the smallest index, not of the table. */
    long count();
}
