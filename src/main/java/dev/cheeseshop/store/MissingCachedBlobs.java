package dev.cheeseshop.store;

import dev.cheeseshop.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reconciler's look at the proxy's cache: cached upstream files that say their bytes (or
 * METADATA) are kept at a key whose blob is missing (a bucket emptied by hand, a restore). Such a
 * file is not lost, only no longer cached: the key is forgotten ({@link UpstreamStore#forget}), so
 * that the next download fetches it from the upstream again. It walks the kept files by id, a
 * page per read transaction ({@link UpstreamStore#keptAfter}); a key found missing is forgotten in
 * a write transaction under the journal lock after checking, inside it, that it is still missing
 * and still named, so a {@link UpstreamBlobs#keep} of the same key, which writes the blob before
 * it takes the lock and checks it again inside, is never undone.
 */
final class MissingCachedBlobs {
    private final MetadataStore store;
    private final BlobStore blobs;
    private final int pageSize;

    MissingCachedBlobs(MetadataStore store, BlobStore blobs, int pageSize) {
        this.store = store;
        this.blobs = blobs;
        this.pageSize = pageSize;
    }

    /** What the walk found: cached files checked, and the blobs missing (forgotten unless a dry run). */
    record Findings(int checked, List<Reconciler.Missing> forgotten) {}

    /** Checks every kept file, telling {@code progress} of each in a stage {@code cached}. */
    Findings scan(boolean dryRun, Progress progress) throws IOException {
        List<Reconciler.Missing> forgotten = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int checked = 0;
        long after = 0;
        List<UpstreamStore.CachedFile> page;
        try (Progress.Stage stage = progress.start("cached", "files", Progress.UNKNOWN, Progress.UNKNOWN)) {
            do {
                long from = after;
                page = store.read(tx -> tx.upstream().keptAfter(from, pageSize));
                for (UpstreamStore.CachedFile file : page) {
                    for (Optional<String> key : List.of(file.key(), file.metadataKey())) {
                        if (key.isPresent() && seen.add(key.get()) && !blobs.exists(key.get())
                                && (dryRun || forget(key.get()))) {
                            forgotten.add(new Reconciler.Missing(file.file().filename(), key.get(),
                                    "cached from the upstream: fetched again on its next download"));
                        }
                    }
                    checked++;
                    after = file.id();
                    stage.advance(1, 0);
                }
            } while (page.size() == pageSize);
        }
        return new Findings(checked, List.copyOf(forgotten));
    }

    /** Forgets the key under the journal lock if it is still named and its blob still missing; answers whether it did. */
    private boolean forget(String key) throws IOException {
        try {
            return store.write(tx -> {
                tx.journal().lock();
                if (!tx.upstream().referencesBlob(key) || UncheckedBlobs.exists(blobs, key)) {
                    return false;
                }
                tx.upstream().forget(key);
                return true;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
