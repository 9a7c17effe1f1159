package dev.cheeseshop.downloads;

import dev.cheeseshop.store.DownloadStore.Count;
import dev.cheeseshop.store.MetadataStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts downloads in memory, per file and UTC day (from the injected clock), and adds them to the
 * store in batches ({@link #flush}, called every few seconds in the background and once at
 * shutdown): never a database write per download. A download is one {@link LongAdder} increment
 * in a concurrent map, with no lock and no write shared between threads on the hot path once the
 * (file, day) has been seen. A flush takes each counter's value and resets it atomically
 * ({@link LongAdder#sumThenReset}), so a download counted during a flush goes into this batch or
 * the next, never into neither; the batch is one write transaction with one upsert per (file, day)
 * in (file, day) order (two processes flushing at once take their row locks in the same order).
 * A failed write puts its counts back for the next flush. A past day's counter leaves the map
 * once a whole flush interval has passed without a download counted on it.
 *
 * <p>{@link #generation} tells what shows counts read from the store (the JSON API's
 * {@code info.downloads}, valid for one generation) that they may have changed. After each flush
 * the counter reads today's total over every file (one read of an index): the generation moves
 * on when that total or the day has changed since the last flush, whoever added to it (this
 * process or another on the same database), and when a flush fails. With no download anywhere it
 * stays put, so nothing is rendered again for nothing.
 */
public final class DownloadCounter {
    private record Key(long fileId, long day) {}

    private static final Comparator<Count> ORDER = Comparator.comparingLong(Count::fileId).thenComparingLong(Count::day);

    private final MetadataStore store;
    private final Clock clock;
    private final ConcurrentHashMap<Key, LongAdder> pending = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong(1);
    private long seenDay = Long.MIN_VALUE; // guarded by this
    private long seenTotal; // guarded by this

    /**
     * Counts into {@code store}, which should be one whose writes do not move the journal watch;
     * reads today's total now, so that the first flush moves the generation on only for a change.
     */
    public DownloadCounter(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        try {
            noticeChanges(today());
        } catch (RuntimeException e) {
            seenDay = Long.MIN_VALUE; // the first flush will move the generation on
        }
    }

    /** One successful download of the file with this id, today. */
    public void record(long fileId) {
        Key key = new Key(fileId, Math.floorDiv(clock.millis(), 86_400_000L));
        LongAdder counter = pending.get(key);
        if (counter == null) {
            counter = pending.computeIfAbsent(key, k -> new LongAdder());
        }
        counter.increment();
    }

    /** Today, as this counter dates downloads: days since 1970-01-01, UTC. */
    public long today() {
        return Math.floorDiv(clock.millis(), 86_400_000L);
    }

    /**
     * Adds what was counted since the last flush to the store, in one transaction, and moves the
     * generation on. Answers the number of rows written (one per file and day).
     */
    public synchronized int flush() {
        long today = today();
        List<Count> batch = new ArrayList<>();
        for (Map.Entry<Key, LongAdder> entry : pending.entrySet()) {
            Key key = entry.getKey();
            LongAdder counter = entry.getValue();
            long n = counter.sumThenReset();
            if (n == 0 && key.day() < today && pending.remove(key, counter)) {
                n = counter.sumThenReset(); // what came in just before it left
            }
            if (n > 0) {
                batch.add(new Count(key.fileId(), key.day(), n));
            }
        }
        batch.sort(ORDER);
        try {
            if (!batch.isEmpty()) {
                store.write(tx -> {
                    tx.downloads().add(batch);
                    return null;
                });
            }
        } catch (RuntimeException e) {
            for (Count count : batch) {
                pending.computeIfAbsent(new Key(count.fileId(), count.day()), k -> new LongAdder()).add(count.downloads());
            }
            generation.incrementAndGet();
            throw e;
        }
        noticeChanges(today);
        return batch.size();
    }

    /** Moves the generation on if today's total over every file, or the day, is not what it was. */
    private synchronized void noticeChanges(long today) {
        long total = store.read(tx -> tx.downloads().totalOn(today));
        if (today != seenDay || total != seenTotal) {
            seenDay = today;
            seenTotal = total;
            generation.incrementAndGet();
        }
    }

    /** Counts read from the store at one generation hold until it moves on (see the class's comment). */
    public long generation() {
        return generation.get();
    }

    /** Downloads counted and not yet flushed, for tests and logs. */
    public long pending() {
        return pending.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
