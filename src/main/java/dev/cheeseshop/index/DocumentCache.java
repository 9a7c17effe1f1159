package dev.cheeseshop.index;

import dev.cheeseshop.model.Serial;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rendered documents kept in memory, keyed by (kind, name) and valid for one serial: a page is
 * rendered once per change of its project, not once per request. The caller looks up the
 * project's current last serial (one indexed read) and asks for the document at that serial; an
 * entry rendered at another serial is a miss and is replaced.
 *
 * <p>The cache is bounded by the bytes it holds (bodies plus a fixed overhead per entry) and
 * evicts the least recently used entries first. A document larger than a quarter of the bound is
 * served but not kept, so one huge page cannot flush everything else. Two requests that miss at
 * once may both render; the last one stored wins unless it is older than what is there.
 */
public final class DocumentCache {
    /** What an entry costs beyond its body: the key, the record, the map node, the ETag. */
    static final int ENTRY_OVERHEAD = 256;

    /** A document's identity: what it is ({@code simple-html}, {@code simple-json}, ...) and whose. */
    public record Key(String kind, String name) {}

    private final long maxBytes;
    private final LinkedHashMap<Key, Rendered> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    public DocumentCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("a negative cache size: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The document for {@code key} as of {@code serial}: from memory, or rendered now and kept. */
    public Rendered get(Key key, Serial serial, Supplier<Rendered> render) {
        Optional<Rendered> cached = lookup(key, serial);
        if (cached.isPresent()) {
            return cached.get();
        }
        Rendered fresh = render.get();
        put(key, fresh);
        return fresh;
    }

    /** The document for {@code key} if one rendered at exactly {@code serial} is held. */
    public synchronized Optional<Rendered> lookup(Key key, Serial serial) {
        Rendered found = entries.get(key);
        if (found != null && found.serial().equals(serial)) {
            hits++;
            return Optional.of(found);
        }
        misses++;
        return Optional.empty();
    }

    /** Keeps {@code document}, unless a newer rendering is already held or it is too large to keep. */
    public synchronized void put(Key key, Rendered document) {
        long cost = cost(document);
        if (cost > maxBytes / 4) {
            return;
        }
        Rendered old = entries.get(key);
        if (old != null) {
            if (old.serial().compareTo(document.serial()) > 0) {
                return;
            }
            bytes -= cost(old);
        }
        entries.put(key, document);
        bytes += cost;
        Iterator<Map.Entry<Key, Rendered>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<Key, Rendered> victim = eldest.next();
            bytes -= cost(victim.getValue());
            eldest.remove();
            evictions++;
        }
    }

    /** Forgets one document (it will be rendered again when next asked for). */
    public synchronized void invalidate(Key key) {
        Rendered old = entries.remove(key);
        if (old != null) {
            bytes -= cost(old);
        }
    }

    private static long cost(Rendered document) {
        return document.body().length + ENTRY_OVERHEAD;
    }

    /** Counters and sizes, for tests, logs and benchmarks. */
    public record Stats(int entries, long bytes, long maxBytes, long hits, long misses, long evictions) {}

    public synchronized Stats stats() {
        return new Stats(entries.size(), bytes, maxBytes, hits, misses, evictions);
    }
}
