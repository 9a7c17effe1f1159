package dev.cheeseshop.journal;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells readers that keep derived data in memory (the render cache) when the index may have
 * changed, without a query per request. Its generation moves on after every write transaction of
 * this process ({@link #watching} wraps the store, and the move comes after the commit), when this
 * process is told of another's commit ({@link #notified}: PostgreSQL's {@code NOTIFY}, within
 * milliseconds) and when {@link #poll} sees the journal's last serial move (the fallback for lost
 * notices and the only way on SQLite; the server polls every {@link #POLL_MILLIS} ms by default).
 * While the generation stays put, nothing has been committed that this process could have seen,
 * so what was checked at this generation still holds.
 *
 * <p>It also keeps the highest serial it has been told of or polled ({@link #known}): the
 * generation has moved on after that serial became visible, so no page older than it is served
 * from memory once {@code known} has reached it.
 */
public final class JournalWatch {
    /** How often the server looks for other processes' changes, by default. */
    public static final long POLL_MILLIS = 500;

    private final AtomicLong generation = new AtomicLong(1);
    private Serial polled = Serial.NONE; // guarded by this
    private Serial known = Serial.NONE; // guarded by this

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
        synchronized (this) { // a concurrent poll of the same serial must not skip the move on before it is made
            if (!last.equals(polled)) {
                polled = last;
                changed();
            }
            advance(last);
        }
    }

    /**
     * A transaction whose last journal entry is {@code serial} has committed (in any process):
     * moves the generation on, unless a serial as high was already known (the generation moved
     * after that one became visible, and serials become visible in order).
     */
    public synchronized void notified(Serial serial) {
        if (serial.compareTo(known) <= 0) {
            return;
        }
        changed();
        advance(serial);
    }

    /** The highest serial this watch has been told of or has polled; its own writes' serials are not counted. */
    public synchronized Serial known() {
        return known;
    }

    /**
     * Waits until {@link #known} reaches {@code serial}, at most {@code timeout}: once it has, no
     * reader served through this watch answers with anything older. True when it did.
     */
    public synchronized boolean awaitKnown(Serial serial, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (known.compareTo(serial) < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Raises {@link #known} to {@code serial}, after the generation has moved past its commit. */
    private synchronized void advance(Serial serial) {
        if (serial.compareTo(known) > 0) {
            known = serial;
            notifyAll();
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
            public java.util.Optional<String> schemaProblem() {
                return store.schemaProblem();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
