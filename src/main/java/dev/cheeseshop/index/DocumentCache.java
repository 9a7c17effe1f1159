package dev.cheeseshop.index;

import dev.cheeseshop.model.Serial;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rendered documents kept in memory, keyed by (kind, name) and valid for one serial: a page is
 * rendered once per change of its project, not once per request. Reusable by any read API whose
 * documents are a function of one project's state (the Simple pages, the JSON API next).
 *
 * <p>Validation has two levels. An entry is valid for the serial it was rendered at: asked for at
 * another serial, it is a miss and is replaced. And each entry remembers the generation (of
 * {@code journal.JournalWatch}) at which its serial was last confirmed: while the generation has
 * not moved, nothing was committed since, so {@link #fresh} serves it without asking the store.
 *
 * <p>The cache is bounded by the bytes it holds (bodies plus a fixed overhead per entry) and
 * evicts the least recently used entries first. A document larger than a quarter of the bound is
 * served but not kept, so one huge page cannot flush everything else. Two requests that miss at
 * once may both render; the newer rendering is kept.
 */
public final class DocumentCache {
    /** What an entry costs beyond its body: the key, the entry, the map node, the ETag. */
    static final int ENTRY_OVERHEAD = 256;

    /** A document's identity: what it is ({@code simple-html}, {@code simple-json}, ...) and whose. */
    public record Key(String kind, String name) {}

    private static final class Entry {
        final Rendered document;
        long confirmed;

        Entry(Rendered document, long confirmed) {
            this.document = document;
            this.confirmed = confirmed;
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
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

    /**
     * The current document for {@code key}, read as of {@code generation} (taken before any read):
     * one confirmed at this generation is answered from memory with no read at all; otherwise
     * {@code serial} looks up the owner's last serial (one cheap read), and a document rendered at
     * it is confirmed and answered; otherwise {@code render} builds it, and it is kept. Empty when
     * either finds nothing (no such project, release, ...). Two reads on a miss: where the serial
     * and the document can be read together, {@link #current(Key, long, Function)} makes it one.
     */
    public Optional<Rendered> current(Key key, long generation, Supplier<Optional<Serial>> serial,
            Supplier<Optional<Rendered>> render) {
        return current(key, generation, held -> serial.get().flatMap(last -> held.at(last).or(render)));
    }

    /** What a reader asks the cache once it has read the owner's last serial. */
    @FunctionalInterface
    public interface Held {
        /** The document rendered at exactly {@code serial}, if held (then confirmed for this read's generation). */
        Optional<Rendered> at(Serial serial);
    }

    /**
     * The current document for {@code key}, read as of {@code generation} (taken before any read):
     * one confirmed at this generation is answered from memory with no read at all; otherwise
     * {@code read} runs (one read transaction): it reads the owner's last serial, asks {@link Held}
     * for a document rendered at it, which is then confirmed for this generation, and only without
     * one renders the document from the same snapshot; a document it renders is kept. Empty when
     * it finds nothing (no such project, ...).
     */
    public Optional<Rendered> current(Key key, long generation, Function<Held, Optional<Rendered>> read) {
        Optional<Rendered> fresh = fresh(key, generation);
        if (fresh.isPresent()) {
            return fresh;
        }
        Rendered[] found = new Rendered[1];
        Optional<Rendered> document = read.apply(serial -> {
            Optional<Rendered> held = lookup(key, serial, generation);
            held.ifPresent(cached -> found[0] = cached);
            return held;
        });
        document.filter(d -> d != found[0]).ifPresent(rendered -> put(key, rendered, generation));
        return document;
    }

    /** The document for {@code key} if its serial was confirmed at {@code generation}; no miss is counted. */
    public synchronized Optional<Rendered> fresh(Key key, long generation) {
        Entry found = entries.get(key);
        if (found != null && found.confirmed == generation) {
            hits++;
            return Optional.of(found.document);
        }
        return Optional.empty();
    }

    /**
     * The document held for {@code key}, whatever its serial: for keys that name the exact state
     * their document was rendered from (then a changed state is another key, and the old one ages
     * out as the least recently used).
     */
    public synchronized Optional<Rendered> held(Key key) {
        Entry found = entries.get(key);
        if (found != null) {
            hits++;
            return Optional.of(found.document);
        }
        misses++;
        return Optional.empty();
    }

    /** The document for {@code key} if one rendered at exactly {@code serial} is held. */
    public Optional<Rendered> lookup(Key key, Serial serial) {
        return lookup(key, serial, 0);
    }

    /**
     * The document for {@code key} if one rendered at exactly {@code serial} is held, noting that
     * its serial was confirmed at {@code generation} (read before the serial was).
     */
    public synchronized Optional<Rendered> lookup(Key key, Serial serial, long generation) {
        Entry found = entries.get(key);
        if (found != null && found.document.serial().equals(serial)) {
            hits++;
            found.confirmed = Math.max(found.confirmed, generation);
            return Optional.of(found.document);
        }
        misses++;
        return Optional.empty();
    }

    /** Keeps {@code document}, unless a newer rendering is already held or it is too large to keep. */
    public void put(Key key, Rendered document) {
        put(key, document, 0);
    }

    /** Keeps {@code document}, rendered from a state confirmed at {@code generation}. */
    public synchronized void put(Key key, Rendered document, long generation) {
        long cost = cost(document);
        if (cost > maxBytes / 4) {
            return;
        }
        Entry old = entries.get(key);
        if (old != null) {
            if (old.document.serial().compareTo(document.serial()) > 0) {
                return;
            }
            bytes -= cost(old.document);
        }
        entries.put(key, new Entry(document, generation));
        bytes += cost;
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<Key, Entry> victim = eldest.next();
            bytes -= cost(victim.getValue().document);
            eldest.remove();
            evictions++;
        }
    }

    /** Forgets one document (it will be rendered again when next asked for). */
    public synchronized void invalidate(Key key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= cost(old.document);
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
