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
 *
 * <p>The kept bytes are summed in the store (a scan of the kept files' rows) only when they may
 * exceed the bound: after the first file, the sizes this process keeps are added to the last sum,
 * and the store is asked again when that estimate passes the bound, and after every
 * {@value #RESYNC_EVERY} files kept, so that what other processes keep is seen too.
 */
public final class CacheBound {
    private static final Logger LOG = LoggerFactory.getLogger(CacheBound.class);
    private static final int BATCH = 100;
    static final int RESYNC_EVERY = 64;

    private final MetadataStore store;
    private final UpstreamBlobs blobs;
    private final long maxBytes;
    private final UseTracker uses;
    /** The kept bytes as last summed plus what this process kept since; negative before the first sum. */
    private long estimate = -1;
    private int sinceSum;

    /** {@code maxBytes}: the bound; 0 or less for none. */
    public CacheBound(MetadataStore store, UpstreamBlobs blobs, long maxBytes, UseTracker uses) {
        this.store = store;
        this.blobs = blobs;
        this.maxBytes = maxBytes;
        this.uses = uses;
    }

    /**
     * After a file of {@code size} bytes was kept: evicts until the kept bytes are within the
     * bound, when they may be past it; answers how many blobs went.
     */
    public synchronized int kept(long size) {
        if (maxBytes <= 0) {
            return 0;
        }
        if (estimate >= 0 && estimate + size <= maxBytes && ++sinceSum < RESYNC_EVERY) {
            estimate += size;
            return 0;
        }
        return enforce();
    }

    /** Evicts until the kept bytes, summed in the store, are within the bound; answers how many blobs went. */
    public synchronized int enforce() {
        if (maxBytes <= 0) {
            return 0;
        }
        uses.flush(); // the order of use must be the latest known
        int evicted = 0;
        long[] kept = new long[1];
        while (true) {
            List<String> gone = store.write(tx -> {
                kept[0] = tx.upstream().keptBytes();
                long over = kept[0] - maxBytes;
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
                    kept[0] -= blob.size();
                }
                return keys;
            });
            if (gone.isEmpty()) {
                break;
            }
            blobs.delete(gone);
            evicted += gone.size();
        }
        estimate = kept[0];
        sinceSum = 0;
        if (evicted > 0) {
            LOG.info("upstream cache: evicted {} least recently used blobs to stay within {} bytes", evicted, maxBytes);
        }
        return evicted;
    }
}
