package dev.cheeseshop.limits;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code amount} counted events per key (a client address, a username) in a fixed
 * window that opens at the key's first counted event; once a key has had its amount it is
 * refused until its window closes. For a burst this is what a moving window gives, with one
 * counter per key instead of one timestamp per event. Times are the caller's clock, in
 * milliseconds.
 *
 * <p>Memory is bounded: one small entry per key counted in the last window, at most
 * {@code maxKeys}, kept in the order their windows opened, so closed windows are dropped from the
 * head as time passes and, when the table is full, the window closest to its end goes first.
 * Not thread-safe: the caller holds the lock.
 */
public final class FixedWindowLimit {
    private static final class Window {
        final long openedMillis;
        long counted;

        Window(long openedMillis) {
            this.openedMillis = openedMillis;
        }
    }

    private final long amount;
    private final long windowMillis;
    private final int maxKeys;
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

    public FixedWindowLimit(long amount, Duration window, int maxKeys) {
        if (amount < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a limit needs a positive amount, window and table size");
        }
        this.amount = amount;
        this.windowMillis = window.toMillis();
        this.maxKeys = maxKeys;
    }

    /** Milliseconds until {@code key} may be counted again, or 0 when it may be now. */
    public long refusedFor(String key, long now) {
        dropClosed(now);
        Window window = windows.get(key);
        return window == null || window.counted < amount ? 0 : closesIn(window, now);
    }

    /** Counts an event of {@code key}, opening its window if it has none (the caller checked {@link #refusedFor}). */
    public void count(String key, long now) {
        dropClosed(now);
        Window window = windows.get(key);
        if (window == null) {
            window = new Window(now);
            windows.put(key, window);
            if (windows.size() > maxKeys) {
                Iterator<Window> eldest = windows.values().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        window.counted++;
    }

    /** Takes back one event counted for {@code key} (one that turned out not to count). */
    public void uncount(String key) {
        Window window = windows.get(key);
        if (window != null && window.counted > 0) {
            window.counted--;
        }
    }

    /** Events {@code key} may still have in its window (the whole amount when it has none). */
    public long remaining(String key, long now) {
        dropClosed(now);
        Window window = windows.get(key);
        return window == null ? amount : Math.max(0, amount - window.counted);
    }

    /** Milliseconds until {@code key}'s window closes (a whole window when it has none). */
    public long closesIn(String key, long now) {
        dropClosed(now);
        Window window = windows.get(key);
        return window == null ? windowMillis : closesIn(window, now);
    }

    /** Keys currently remembered. */
    public int size() {
        return windows.size();
    }

    /** At most a whole window, should the clock have gone back since the window opened. */
    private long closesIn(Window window, long now) {
        return Math.min(windowMillis, window.openedMillis + windowMillis - now);
    }

    /** Drops windows that have closed; they are at the head, oldest first. */
    private void dropClosed(long now) {
        Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().openedMillis + windowMillis > now) {
                return;
            }
            it.remove();
        }
    }
}
