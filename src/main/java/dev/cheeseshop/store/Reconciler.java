package dev.cheeseshop.store;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the blob store and the file rows in step, both ways. Blobs no file row names are
 * removed (below); file rows whose blobs are missing are reported, and a missing METADATA is
 * rebuilt from its wheel when that gives exactly the bytes on record ({@link MissingBlobs}).
 *
 * <p>Finds blobs that no file row refers to and removes them. Blobs are written before the
 * transaction that refers to them commits, so an upload refused (or crashed) after that point
 * leaves an orphan: harmless, because only blobs named by a file row are ever served, but it
 * takes space. Blobs written within the grace period are left alone: their upload may still be
 * on its way to the commit.
 *
 * <p><b>A committed file never loses its blob.</b> Keys are content-addressed, so an upload of
 * the same bytes as an old orphan writes the orphan's key, and may be committing just as the
 * orphan is judged. Two rules make every interleaving safe, in this process or across several:
 * <ol>
 *   <li>A blob is deleted only inside a write transaction of the metadata store that has taken
 *       the journal lock ({@link JournalStore#lock}: SQLite's {@code BEGIN IMMEDIATE} write lock,
 *       PostgreSQL's advisory lock), after checking, inside it, that no file row refers to the
 *       key and that the blob's write time is still before the cutoff.
 *   <li>An upload's commit takes the same lock and, inside it, checks that its blobs exist
 *       (writing them again from the staged file when they do not) before inserting the row.
 * </ol>
 * Those transactions run one at a time, so one of them came first. If the upload's commit came
 * first, the reconciler's check sees its row and deletes nothing. If the reconciler's came first,
 * the upload's check runs after the delete, sees the blob missing and writes it again; and no
 * deletion can come between that check and the commit, since deleting needs the lock the commit
 * holds. Blob writes outside transactions only ever add. So every file row, from its commit on,
 * names blobs that exist. The write-time check (a put refreshes the write time, {@link BlobStore})
 * is not needed for that: it keeps a pass from deleting what an upload in flight has just
 * written, so the upload rarely has to write it twice.
 *
 * <p><b>The proxy's cache.</b> A blob under {@link UpstreamStore#KEY_PREFIX} that a cached
 * upstream file names is referenced exactly as a local file's is, and an unreferenced one is an
 * orphan like any other (the grace period covers a {@link UpstreamBlobs#keep} between its put and
 * its commit, which takes the same lock). A cached file whose kept blob is missing is not lost but
 * no longer cached: the key is forgotten, so that the next download fetches it again, and
 * reported apart from local files ({@link MissingCachedBlobs}).
 *
 * <p>A blob's age is judged by {@link BlobStore#info}, which answers the write time from the
 * store's clock; a listing may carry only the backend's time (S3's {@code LastModified}, from the
 * server's clock). That costs one look-up per blob no file row names, which are few.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final String METADATA_SUFFIX = ".metadata";
    /** Longer than any upload takes between writing its blobs and committing. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration grace;
    private final MissingBlobs missing;
    private final MissingCachedBlobs cached;

    /** A reconciler that rebuilds a missing METADATA from its wheel with {@code wheels}. */
    public Reconciler(MetadataStore store, BlobStore blobs, Clock clock, Duration grace, MetadataSource wheels) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.grace = grace;
        this.missing = new MissingBlobs(store, blobs, wheels, MissingBlobs.PAGE);
        this.cached = new MissingCachedBlobs(store, blobs, MissingBlobs.PAGE);
    }

    /** A reconciler that rebuilds nothing ({@link MetadataSource#NONE}): a missing METADATA is only reported. */
    public Reconciler(MetadataStore store, BlobStore blobs, Clock clock, Duration grace) {
        this(store, blobs, clock, grace, MetadataSource.NONE);
    }

    /**
     * A blob a file row names that was not there: the file's name, the blob's key, and why it was
     * not (or cannot be) written again, when there is more to say than that it is missing.
     */
    public record Missing(String filename, String key, String reason) {
        Missing because(String why) {
            return new Missing(filename, key, why);
        }
    }

    /**
     * What a pass found. From the listing of {@code examined} blobs: the orphans it judged, and of
     * those the ones it removed (none in a dry run; fewer when an upload wrote or committed one
     * meanwhile). From the {@code checked} file rows: the blobs missing that cannot be written
     * again, the METADATA blobs missing that can ({@code repairable}: rebuilt from the wheel with
     * the digests on record), and of those the ones written (none in a dry run, all of them
     * otherwise: a file removed before its METADATA could be written is no finding). From the
     * {@code cached} upstream files that keep blobs: the kept blobs missing, whose keys were
     * forgotten (in a dry run: would be), so that they are fetched again.
     */
    public record Report(int examined, List<String> orphans, List<String> removed, int checked,
            List<Missing> missing, List<Missing> repairable, List<Missing> repaired, int cached,
            List<Missing> forgotten) {
        /**
         * True when, after the pass, every file row checked names blobs that exist. The proxy's
         * cache is no part of it: what it forgot is fetched again.
         */
        public boolean intact() {
            return missing.isEmpty() && repaired.size() == repairable.size();
        }
    }

    /**
     * Removes orphans, then checks every file row's blobs and rebuilds what is safe, then forgets the
     * proxy's cached files whose kept blobs are missing (nothing written in a dry run).
     */
    public Report run(boolean dryRun) throws IOException {
        return run(dryRun, Progress.NONE);
    }

    /**
     * As {@link #run(boolean)}, telling {@code progress} how far it is: a stage {@code blobs} (the
     * listing, its total unknown in advance), a stage {@code files} (the rows checked) and a stage
     * {@code cached} (the proxy's cached files that keep blobs).
     */
    public Report run(boolean dryRun, Progress progress) throws IOException {
        Instant cutoff = clock.instant().minus(grace);
        List<String> orphans = new ArrayList<>();
        int[] examined = {0};
        try (Progress.Stage listing = progress.start("blobs", "blobs", Progress.UNKNOWN, Progress.UNKNOWN)) {
            blobs.list(blob -> {
                if (BlobStore.isReserved(blob.key())) {
                    return; // the server's own (a readiness probe), never an orphan of the index
                }
                examined[0]++;
                // The write time from info(), not the listing's: an S3 listing has only the server's time.
                if (!store.read(tx -> referenced(tx, blob.key()))
                        && UncheckedBlobs.info(blobs, blob.key())
                                .filter(now -> now.lastModified().isBefore(cutoff)).isPresent()) {
                    orphans.add(blob.key());
                }
                listing.advance(1, blob.size());
            });
        }
        List<String> removed = new ArrayList<>();
        if (!dryRun) {
            for (String key : orphans) {
                if (removeIf(key, cutoff)) {
                    removed.add(key);
                    LOG.info("removed orphan blob {}", key);
                }
            }
        }
        MissingBlobs.Findings findings = missing.scan(dryRun, progress);
        findings.repaired().forEach(metadata -> LOG.info("rebuilt METADATA {} of {}", metadata.key(),
                metadata.filename()));
        MissingCachedBlobs.Findings stale = cached.scan(dryRun, progress);
        if (!dryRun) {
            stale.forgotten().forEach(blob -> LOG.info("forgot the missing cached blob {} of {}", blob.key(),
                    blob.filename()));
        }
        return new Report(examined[0], List.copyOf(orphans), List.copyOf(removed), findings.checked(),
                findings.missing(), findings.repairable(), findings.repaired(), stale.checked(), stale.forgotten());
    }

    /**
     * Removes, whatever their write time, those of {@code keys} that no file row names, each under
     * the lock as a pass does (see above): for the blobs of files just deleted, after the commit
     * that deleted their rows. Their names stay in the filename registry, so no upload can commit
     * a row naming these keys again. Answers the keys removed.
     */
    public List<String> removeUnreferenced(List<String> keys) throws IOException {
        List<String> removed = new ArrayList<>();
        for (String key : keys) {
            if (removeIf(key, null)) {
                removed.add(key);
            }
        }
        return List.copyOf(removed);
    }

    /**
     * Judges the key again, and deletes it, under the lock every upload commit takes (see above);
     * a null cutoff deletes it whatever its write time.
     */
    private boolean removeIf(String key, Instant cutoff) throws IOException {
        try {
            return store.write(tx -> {
                tx.journal().lock();
                if (referenced(tx, key)) {
                    return false; // an upload of the same bytes committed since the listing
                }
                Optional<BlobStore.BlobInfo> now = UncheckedBlobs.info(blobs, key);
                if (now.isEmpty() || cutoff != null && !now.get().lastModified().isBefore(cutoff)) {
                    return false; // gone already, or written again since the listing
                }
                UncheckedBlobs.delete(blobs, key);
                return true;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Whether a file row names {@code key}: a local file's (its distribution file, or its
     * METADATA when it has one), or, for a key under {@link UpstreamStore#KEY_PREFIX}, also a
     * cached upstream file's (only such keys are ever recorded as kept, and no local key is
     * under it: those start with two hex digits).
     */
    static boolean referenced(Transaction tx, String key) {
        if (key.startsWith(UpstreamStore.KEY_PREFIX) && tx.upstream().referencesBlob(key)) {
            return true;
        }
        if (key.endsWith(METADATA_SUFFIX)) {
            String filePath = key.substring(0, key.length() - METADATA_SUFFIX.length());
            Optional<DistFile> file = tx.files().findByPath(filePath);
            return file.filter(f -> f.metadata().isPresent()).isPresent();
        }
        return tx.files().findByPath(key).isPresent();
    }
}
