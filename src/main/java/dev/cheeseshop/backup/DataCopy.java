package dev.cheeseshop.backup;

import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.store.StoreException;
import dev.cheeseshop.store.sql.SqlDatabase;
import dev.cheeseshop.store.sql.SqlDatabase.StoredFile;
import dev.cheeseshop.store.sql.SqliteBackup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Backs up and restores an index on the embedded default (a data directory holding
 * {@code cheeseshop.db} and {@code packages/}) as a directory of the same shape, while a server
 * may be running on the source. Two named steps:
 * <ol>
 *   <li>{@link SqliteBackup}: a consistent copy of the database, as of one instant;
 *   <li>the blobs that the copy's file rows name (each file's, and its METADATA's), read from the
 *       copy, not the source: hard links where the file system allows, else copies.
 * </ol>
 * Blobs are immutable and content-addressed, and a row commits only with its blobs in place, so
 * every blob the copy names exists from before the copy's instant, unless the file was removed
 * after it (its blobs are deleted after the removal commits): those are reported as missing.
 * Blobs of uploads committed after the instant are not needed and not taken, nor are orphans.
 * The proxy's cache of an upstream index is left out: the copy's cache tables are emptied
 * ({@link SqlDatabase#forgetNotCopied}) and its blobs not taken, as {@code migrate} does; a restored
 * index fetches from the upstream again. So are the browser sessions: its users log in again. The target must not exist or be empty.
 */
public final class DataCopy {
    static final String DATABASE = "cheeseshop.db";
    static final String PACKAGES = "packages";
    /** File rows read per query. */
    private static final int PAGE = 500;

    /** A blob a copied file row names that the source did not have. */
    public record Missing(String filename, String key) {}

    /**
     * What a copy did: the journal's last serial in it, the file rows it holds, the blobs put
     * there (linked or copied), and those missing.
     */
    public record Report(long serial, long files, long linked, long copied, List<Missing> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    private DataCopy() {}

    /** Backs up the index in {@code data} into {@code to}, a new or empty directory. */
    public static Report backup(Path data, Path to, Progress progress) throws BackupProblem, IOException {
        requireIndex(data, "the data directory");
        if (to.toAbsolutePath().normalize().startsWith(data.resolve(PACKAGES).toAbsolutePath().normalize())) {
            throw new BackupProblem("the backup cannot go into " + data.resolve(PACKAGES)
                    + ", where the index keeps its files");
        }
        requireEmpty(to, "a backup goes into a new, empty directory");
        return copy(data, to, progress);
    }

    /** Restores the backup in {@code from} into {@code data}, a new or empty directory. */
    public static Report restore(Path from, Path data, Progress progress) throws BackupProblem, IOException {
        requireIndex(from, "the backup");
        requireEmpty(data, "a restore goes into a new, empty data directory");
        return copy(from, data, progress);
    }

    private static Report copy(Path from, Path to, Progress progress) throws BackupProblem, IOException {
        Files.createDirectories(to.resolve(PACKAGES));
        Path database = to.resolve(DATABASE);
        long serial;
        try {
            serial = SqliteBackup.copy(from.resolve(DATABASE), database, progress);
        } catch (StoreException e) {
            throw new BackupProblem(e.getMessage());
        }
        try (SqlDatabase copy = SqlDatabase.sqlite(database, false)) {
            copy.forgetNotCopied();
        }
        LinkOrCopy blobs = new LinkOrCopy(from.resolve(PACKAGES), to.resolve(PACKAGES));
        List<Missing> missing = new ArrayList<>();
        long files = 0;
        try (SqlDatabase copy = SqlDatabase.sqlite(database, true);
                Progress.Stage stage = progress.start("files", "files", copy.count("files"), copy.fileBytes())) {
            long after = 0;
            for (List<StoredFile> page; !(page = copy.filesAfter(after, PAGE)).isEmpty(); ) {
                for (StoredFile file : page) {
                    if (!blobs.put(file.path())) {
                        missing.add(new Missing(file.filename(), file.path()));
                    }
                    if (file.metadataSha256() != null && !blobs.put(file.metadataPath())) {
                        missing.add(new Missing(file.filename(), file.metadataPath()));
                    }
                    files++;
                    after = file.id();
                    stage.advance(1, file.size());
                }
            }
        }
        return new Report(serial, files, blobs.linked(), blobs.copied(), List.copyOf(missing));
    }

    private static void requireIndex(Path dir, String what) throws BackupProblem {
        if (!Files.isRegularFile(dir.resolve(DATABASE))) {
            throw new BackupProblem(what + " " + dir + " holds no index (no " + DATABASE + ")");
        }
    }

    private static void requireEmpty(Path dir, String why) throws BackupProblem, IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new BackupProblem(dir + " is not a directory: " + why);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new BackupProblem(dir + " is not empty: " + why);
            }
        }
    }
}
