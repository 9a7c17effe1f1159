package dev.cheeseshop.proxy;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UpstreamBlobs;
import dev.cheeseshop.store.UpstreamStore.KeptBlob;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the upstream files' blobs within {@code --upstream-cache-size}: when their bytes exceed it,
 * the least recently used are forgotten (in one transaction) and then deleted (each under the
 * journal lock, only when nothing refers to it any more, {@link UpstreamBlobs#delete}). Local
 * projects' files are never among them: they are not in the upstream cache at all. One eviction
 * at a time in this process.
 */
public final class CacheBound {
    private static final Logger LOG = LoggerFactory.getLogger(CacheBound.class);
    private static final int BATCH = 100;

    private final MetadataStore store;
    private final UpstreamBlobs blobs;
    private final long maxBytes;
    private final UseTracker uses;

    /** {@code maxBytes}: the bound; 0 or less for none. */
    public CacheBound(MetadataStore store, UpstreamBlobs blobs, long maxBytes, UseTracker uses) {
        this.store = store;
        this.blobs = blobs;
        this.maxBytes = maxBytes;
        this.uses = uses;
    }

    /** Evicts until the kept bytes are within the bound; answers how many blobs went. */
    public synchronized int enforce() {
        if (maxBytes <= 0) {
            return 0;
        }
        uses.flush(); // the order of use must be the latest known
        int evicted = 0;
        while (true) {
            List<String> gone = store.write(tx -> {
                long over = tx.upstream().keptBytes() - maxBytes;
                List<String> keys = new ArrayList<>();
                if (over <= 0) {
                    return keys;
                }
                for (KeptBlob blob : tx.upstream().leastRecentlyUsed(BATCH)) {
                    if (over <= 0) {
                        break;
                    }
                    tx.upstream().forget(blob.key());
                    keys.add(blob.key());
                    over -= blob.size();
                }
                return keys;
            });
            if (gone.isEmpty()) {
                break;
            }
            blobs.delete(gone);
            evicted += gone.size();
        }
        if (evicted > 0) {
            LOG.info("upstream cache: evicted {} least recently used blobs to stay within {} bytes", evicted, maxBytes);
        }
        return evicted;
    }
}
