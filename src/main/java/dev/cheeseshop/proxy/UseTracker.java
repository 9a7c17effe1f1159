package dev.cheeseshop.proxy;

import dev.cheeseshop.store.MetadataStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each kept upstream file was last used, for the cache's least-recently-used eviction: noted
 * in memory on every download and written in batches ({@link #flush}, with the download counts),
 * never a database write per download.
 */
public final class UseTracker {
    private final MetadataStore store;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Instant> pending = new ConcurrentHashMap<>();

    public UseTracker(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void used(long fileId) {
        pending.put(fileId, clock.instant());
    }

    /** Writes the uses noted since the last flush, in one transaction; answers how many. */
    public synchronized int flush() {
        Map<Long, Instant> batch = new HashMap<>();
        for (Long id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            store.write(tx -> {
                tx.upstream().used(batch);
                return null;
            });
        } catch (RuntimeException e) {
            batch.forEach(pending::putIfAbsent);
            throw e;
        }
        return batch.size();
    }
}
