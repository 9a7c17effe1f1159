package dev.cheeseshop.store;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reconciler's other direction: file rows whose blobs are missing. It walks every file row by
 * id, a page per read transaction ({@link FileStore#page}), and looks up the blobs each names:
 * the distribution file and, for a wheel with extracted metadata, its METADATA.
 *
 * <p>A missing METADATA whose wheel is there is rebuilt: the wheel is read as an upload reads it
 * ({@link MetadataSource}) and its METADATA written only if its digests are the ones the row
 * holds, so the bytes served are exactly those uploaded. The write happens under the journal lock
 * after checking, inside it, that the row is still there: a file removed meanwhile has its blobs
 * deleted under the same lock after its commit, and so never gets a METADATA back. Anything else
 * (a missing wheel or sdist, a METADATA that cannot be read or does not match) is only reported.
 *
 * <p>Rows are committed only with their blobs in place (see {@link Reconciler}), and a removed
 * file's blobs are deleted only after its row is gone; a path, which holds the filename, is never
 * used again. So a blob found missing while its row is still there afterwards really was missing
 * from a committed row, and a row removed meanwhile is no finding.
 */
final class MissingBlobs {
    /** Rows per read transaction. */
    static final int PAGE = 1000;

    private final MetadataStore store;
    private final BlobStore blobs;
    private final MetadataSource source;
    private final int pageSize;

    MissingBlobs(MetadataStore store, BlobStore blobs, MetadataSource source, int pageSize) {
        this.store = store;
        this.blobs = blobs;
        this.source = source;
        this.pageSize = pageSize;
    }

    /** What the walk found: rows checked, blobs missing for good, METADATA that can be rebuilt and was. */
    record Findings(int checked, List<Reconciler.Missing> missing, List<Reconciler.Missing> repairable,
            List<Reconciler.Missing> repaired) {}

    Findings scan(boolean dryRun) throws IOException {
        return scan(dryRun, Progress.NONE);
    }

    /** Checks every row, telling {@code progress} of each in a stage {@code files}. */
    Findings scan(boolean dryRun, Progress progress) throws IOException {
        Findings findings = new Findings(0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int checked = 0;
        long after = 0;
        List<DistFile> page;
        // The count is one more query, for a total shown to someone; the server's passes show none.
        long rows = progress == Progress.NONE ? Progress.UNKNOWN : store.read(tx -> tx.files().count());
        try (Progress.Stage stage = progress.start("files", "files", rows, Progress.UNKNOWN)) {
            do {
                long from = after;
                page = store.read(tx -> tx.files().page(from, pageSize));
                for (DistFile file : page) {
                    check(file, dryRun, findings);
                    checked++;
                    after = file.id();
                    stage.advance(1, 0);
                }
            } while (page.size() == pageSize);
        }
        return new Findings(checked, List.copyOf(findings.missing()), List.copyOf(findings.repairable()),
                List.copyOf(findings.repaired()));
    }

    private void check(DistFile file, boolean dryRun, Findings findings) throws IOException {
        boolean distribution = blobs.exists(file.path());
        if (!distribution) {
            if (!present(file)) {
                return; // removed since the page was read: its blobs went after it
            }
            findings.missing().add(new Reconciler.Missing(file.filename(), file.path(), null));
        }
        if (file.metadata().isEmpty() || blobs.exists(file.metadataPath())) {
            return;
        }
        if (!present(file)) {
            return;
        }
        Reconciler.Missing metadata = new Reconciler.Missing(file.filename(), file.metadataPath(), null);
        if (!distribution) {
            findings.missing().add(metadata.because("its distribution file is missing too"));
            return;
        }
        Rebuilt rebuilt = rebuilt(file);
        if (rebuilt.refusal() != null) {
            if (!present(file)) {
                return; // its wheel went with it
            }
            findings.missing().add(metadata.because(rebuilt.refusal()));
            return;
        }
        if (dryRun) {
            findings.repairable().add(metadata);
        } else if (write(file, rebuilt.metadata())) {
            findings.repairable().add(metadata);
            findings.repaired().add(metadata);
        } // else removed meanwhile (or written again by an upload): no finding

    }

    /** A wheel's METADATA that matches its row's digests, or why there is none. */
    private record Rebuilt(byte[] metadata, String refusal) {}

    private Rebuilt rebuilt(DistFile file) throws IOException {
        Optional<BlobStore.Blob> wheel = blobs.open(file.path());
        if (wheel.isEmpty()) {
            return new Rebuilt(null, "its distribution file is missing too");
        }
        MetadataSource.Extracted extracted;
        try {
            extracted = source.extract(wheel.get(), file.filename());
        } catch (MetadataSource.Unreadable e) {
            return new Rebuilt(null, "no METADATA can be read from its distribution file: " + e.getMessage());
        }
        if (!extracted.digests().equals(file.metadata().orElseThrow())) {
            return new Rebuilt(null, "the METADATA in its distribution file does not match the digests on record");
        }
        return new Rebuilt(extracted.metadata(), null);
    }

    /**
     * Writes the METADATA under the journal lock if the row is still there and the blob still
     * missing; answers whether it did.
     */
    private boolean write(DistFile file, byte[] metadata) throws IOException {
        try {
            return store.write(tx -> {
                tx.journal().lock();
                if (tx.files().findByPath(file.path()).isEmpty() || UncheckedBlobs.exists(blobs, file.metadataPath())) {
                    return false;
                }
                UncheckedBlobs.put(blobs, file.metadataPath(), metadata);
                return true;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private boolean present(DistFile file) {
        return store.read(tx -> tx.files().findByPath(file.path())).filter(row -> row.id() == file.id()).isPresent();
    }
}
