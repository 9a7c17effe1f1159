package dev.cheeseshop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blobs of the proxy's cache ({@link UpstreamStore}), kept and deleted by the rules that keep
 * an upload's blobs safe from the {@link Reconciler} ("a committed file never loses its blob"):
 * <ol>
 *   <li>{@link #keep}: the blob is put before the transaction that records it; that transaction
 *       takes the journal lock and, inside it, makes sure the blob is there (putting it again
 *       from the staged file when a deletion came between) before recording it.
 *   <li>{@link #delete}, and the reconciler: a blob is deleted only in a write transaction that
 *       holds the journal lock, after checking inside it that no cached upstream file and no
 *       local file names it.
 * </ol>
 * The two run one at a time, so from its commit on every cached file that says its bytes are kept
 * names a blob that exists. A key's blob is the same bytes whoever writes it (its name holds the
 * sha256 the upstream gave, checked before it is kept), so two projects naming one key share it,
 * and a deletion asked for by one leaves it to the other.
 */
public final class UpstreamBlobs {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamBlobs.class);

    private final MetadataStore store;
    private final BlobStore blobs;

    public UpstreamBlobs(MetadataStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /**
     * Puts the staged file at {@code key} (before the commit), then in one write transaction under
     * the journal lock records it ({@link UpstreamStore#fileKept}) and makes sure the blob exists
     * (put again if not). Answers false when the file's row is gone meanwhile (its page saved
     * again without it, or purged): then nothing is recorded, and the blob is deleted at once
     * unless another row names it.
     */
    public boolean keep(long fileId, boolean metadata, String key, Path staged, long size, Instant at)
            throws IOException {
        if (!key.startsWith(UpstreamStore.KEY_PREFIX)) {
            throw new IllegalArgumentException("a cached blob's key starts with " + UpstreamStore.KEY_PREFIX
                    + ": " + key);
        }
        blobs.put(key, staged);
        try {
            return store.write(tx -> {
                tx.journal().lock();
                if (!tx.upstream().fileKept(fileId, metadata, key, size, at)) {
                    if (!Reconciler.referenced(tx, key)) {
                        UncheckedBlobs.delete(blobs, key);
                    }
                    return false;
                }
                if (!UncheckedBlobs.exists(blobs, key)) {
                    // Deleted between the put and the lock: the row commits only with its blob.
                    UncheckedBlobs.put(blobs, key, staged);
                }
                return true;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Deletes each key, under {@link UpstreamStore#KEY_PREFIX}, after checking, in a write
     * transaction under the journal lock, that no cached upstream file and no local file refers
     * to it. Failures are logged, not thrown: a blob left behind is an orphan for the reconciler.
     * Answers the keys deleted.
     */
    public List<String> delete(Collection<String> keys) {
        List<String> deleted = new ArrayList<>();
        for (String key : keys) {
            if (!key.startsWith(UpstreamStore.KEY_PREFIX)) {
                LOG.warn("not deleting {}: not a blob of the upstream cache", key);
                continue;
            }
            try {
                if (store.write(tx -> {
                    tx.journal().lock();
                    if (Reconciler.referenced(tx, key)) {
                        return false;
                    }
                    UncheckedBlobs.delete(blobs, key);
                    return true;
                })) {
                    deleted.add(key);
                }
            } catch (RuntimeException e) {
                Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
                LOG.warn("cannot delete the cached blob {} (left for the reconciler): {}", key, cause.toString());
            }
        }
        return List.copyOf(deleted);
    }
}
