package dev.cheeseshop.migrate;

import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.sql.CopiedTables;
import dev.cheeseshop.store.sql.MigrationMarker;
import dev.cheeseshop.store.sql.SqlDatabase;
import dev.cheeseshop.store.sql.SqlDatabase.StoredFile;
import dev.cheeseshop.store.sql.TableCopy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a whole index from one backend to another ({@code cheeseshop migrate}), as named steps:
 * {@link #begin} refuses a target that holds anything but this migration's own marker, and
 * resumes from that marker; {@link #copyBlobs} copies every file row's blobs, each verified by
 * its digests; {@link #copyRows} copies every table with its ids, the journal with its serials
 * and times, page by page; {@link #verify} compares every table's count, the target's blobs and
 * the source's last serial; {@link #finish} moves the target's id sequences past the copied ids
 * and rebuilds the search index from the copied rows (it is derived, not copied), then drops the marker. Every step records its progress in the target as it commits, so after a
 * kill at any point a rerun ends with the same target as an uninterrupted run.
 */
public final class Migration {
    /** The progress step of the blobs (the tables' steps are their names). */
    static final String BLOBS = "blobs";
    private static final int FILE_PAGE = 100;

    /** One side of a migration: its metadata database and its blobs, described without secrets. */
    public record Side(SqlDatabase database, BlobStore blobs, String blobsDescription) {
        String describe() {
            return database + " with files in " + blobsDescription;
        }
    }

    /** What a migration tells as it goes: a line per step, and each commit (a seam: throw to interrupt). */
    public interface Listener {
        void line(String line);

        /** {@code step} ({@value #BLOBS} or a table) has committed, {@code done} blobs or rows in this run. */
        default void committed(String step, long done) {}
    }

    private final Side source;
    private final Side target;
    private final Path scratch;
    private final int pageSize;
    private final Listener listener;
    private final Progress progress;

    /** @param scratch a folder for blobs on their way; {@code pageSize} rows are copied per transaction */
    public Migration(Side source, Side target, Path scratch, int pageSize, Listener listener) {
        this(source, target, scratch, pageSize, listener, Progress.NONE);
    }

    /**
     * As above, telling {@code progress} how far each step is: a stage {@code blobs} (the source's
     * files, with their bytes) and one per table (its rows), counting what this run copies.
     */
    public Migration(Side source, Side target, Path scratch, int pageSize, Listener listener, Progress progress) {
        this.source = source;
        this.target = target;
        this.scratch = scratch;
        this.pageSize = pageSize;
        this.listener = listener;
        this.progress = progress;
    }

    /** Runs every step; a refusal or a failed check is a {@link MigrationProblem}. */
    public void run() throws MigrationProblem, IOException {
        listener.line("migrate: from " + source.describe());
        listener.line("migrate: to " + target.describe());
        MigrationMarker marker = begin();
        copyBlobs(marker);
        copyRows(marker);
        verify(marker);
        finish(marker);
    }

    /** The marker of this migration: found (resuming) or created in an empty target. */
    MigrationMarker begin() throws MigrationProblem, IOException {
        long sourceSerial = source.database().maxId("journals");
        Optional<MigrationMarker> found = MigrationMarker.find(target.database());
        if (found.isPresent()) {
            MigrationMarker marker = found.get();
            if (!marker.source().equals(source.describe())) {
                throw new MigrationProblem("the target holds an interrupted migration from " + marker.source()
                        + ": run it again with that source, or empty the target");
            }
            if (marker.sourceSerial() != sourceSerial) {
                throw new MigrationProblem("the source changed since the interrupted migration began (last serial "
                        + marker.sourceSerial() + ", now " + sourceSerial + "): empty the target and migrate again");
            }
            listener.line("resuming: the target holds an interrupted migration from this source");
            return marker;
        }
        if (!target.database().isEmpty()) {
            throw new MigrationProblem("the target database " + target.database() + " is not empty: migrate writes"
                    + " only into a new, empty index");
        }
        if (hasBlobs(target.blobs())) {
            throw new MigrationProblem("the target's files in " + target.blobsDescription() + " are not empty:"
                    + " migrate writes only into a new, empty index");
        }
        return MigrationMarker.create(target.database(), source.describe(), sourceSerial);
    }

    /** Copies and verifies the blobs of every file row, in id order, from where the marker says. */
    void copyBlobs(MigrationMarker marker) throws MigrationProblem, IOException {
        BlobCopy copy = new BlobCopy(source.blobs(), target.blobs(), scratch);
        long after = marker.position(BLOBS);
        long blobs = 0;
        try (Progress.Stage stage = progress.start(BLOBS, "files", source.database().count("files"),
                source.database().fileBytes())) {
            for (List<StoredFile> page; !(page = source.database().filesAfter(after, FILE_PAGE)).isEmpty(); ) {
                for (StoredFile file : page) {
                    blobs += copy.copy(file);
                    marker.advanceTo(BLOBS, file.id());
                    after = file.id();
                    stage.advance(1, file.size());
                    listener.committed(BLOBS, blobs);
                }
            }
        }
        listener.line("blobs: " + blobs + " copied, each verified by its digests");
    }

    /** Copies every table, each in pages of ids from where the marker says. */
    void copyRows(MigrationMarker marker) {
        TableCopy copy = new TableCopy(source.database(), target.database(), marker, pageSize);
        for (String table : CopiedTables.pagedNames()) {
            long rows;
            try (Progress.Stage stage = progress.start(table, "rows", source.database().count(table),
                    Progress.UNKNOWN)) {
                long[] reported = {0};
                rows = copy.copy(table, (step, done) -> {
                    stage.advance(done - reported[0], 0);
                    reported[0] = done;
                    listener.committed(step, done);
                });
            }
            listener.line(table + ": " + rows + " rows copied");
        }
    }

    /** Every table's count and the blobs' count equal on both sides, and the source unchanged meanwhile. */
    void verify(MigrationMarker marker) throws MigrationProblem, IOException {
        long sourceSerial = source.database().maxId("journals");
        if (sourceSerial != marker.sourceSerial()) {
            throw new MigrationProblem("the source changed during the migration (last serial "
                    + marker.sourceSerial() + ", now " + sourceSerial + "): stop writes to it, empty the target"
                    + " and migrate again");
        }
        List<String> counts = new ArrayList<>();
        for (String table : CopiedTables.names()) {
            long from = source.database().count(table);
            long to = target.database().count(table);
            if (from != to) {
                throw new MigrationProblem("table " + table + " has " + from + " rows in the source but " + to
                        + " in the target");
            }
            counts.add(table + " " + from);
        }
        long expected = source.database().blobCount();
        AtomicLong found = new AtomicLong();
        target.blobs().list(blob -> {
            if (!BlobStore.isReserved(blob.key())) {
                found.incrementAndGet();
            }
        });
        if (found.get() != expected) {
            throw new MigrationProblem("the target holds " + found.get() + " blobs, but the source's files name "
                    + expected);
        }
        listener.line("verified: rows " + String.join(", ", counts) + "; " + expected + " blobs; last serial "
                + sourceSerial);
    }

    /** Moves the id sequences past the copied ids and drops the marker: the target is an index now. */
    void finish(MigrationMarker marker) {
        target.database().moveIdsPast();
        target.database().rebuildSearch();
        marker.remove();
        listener.line("done: the target is a complete copy of the source");
    }

    /** Whether the store holds any blob (the listing stops at the first). */
    private static boolean hasBlobs(BlobStore blobs) throws IOException {
        try {
            blobs.list(blob -> {
                if (!BlobStore.isReserved(blob.key())) {
                    throw new Found();
                }
            });
            return false;
        } catch (Found e) {
            return true;
        }
    }

    /** Thrown to stop a listing at its first blob. */
    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }
}
