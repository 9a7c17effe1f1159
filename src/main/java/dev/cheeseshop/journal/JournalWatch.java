package dev.cheeseshop.journal;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells readers that keep derived data in memory (the render cache) when the index may have
 * changed, without a query per request. Its generation moves on after every write transaction of
 * this process ({@link #watching} wraps the store, and the move comes after the commit) and when
 * {@link #poll} sees the journal's last serial move (writes by other processes; the server polls
 * every {@link #POLL_MILLIS} ms). While the generation stays put, nothing has been committed that
 * this process could have seen, so what was checked at this generation still holds.
 */
public final class JournalWatch {
    /** How often the server looks for other processes' changes. */
    public static final long POLL_MILLIS = 500;

    private final AtomicLong generation = new AtomicLong(1);
    private volatile Serial polled = Serial.NONE;

    /** The current generation; read it before reading the store. */
    public long generation() {
        return generation.get();
    }

    /** Something may have changed. */
    public void changed() {
        generation.incrementAndGet();
    }

    /** Reads the journal's last serial and moves the generation on if it moved. */
    public void poll(MetadataStore store) {
        Serial last = store.read(tx -> tx.journal().last()).orElse(Serial.NONE);
        if (!last.equals(polled)) {
            polled = last;
            changed();
        }
    }

    /** {@code store}, with every write (committed or not) followed by {@link #changed}. */
    public MetadataStore watching(MetadataStore store) {
        return new MetadataStore() {
            @Override
            public <T> T write(TransactionWork<T> work) {
                try {
                    return store.write(work);
                } finally {
                    changed();
                }
            }

            @Override
            public <T> T read(TransactionWork<T> work) {
                return store.read(work);
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
