package dev.cheeseshop.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attempts counted per key (a client address, a username) in a fixed window that opens at the
 * key's first counted attempt: after {@code amount} the key is refused until its window closes.
 * Memory is bounded as in {@code xmlrpc.RateLimiter}: one small entry per key that failed in the
 * last window, at most {@code maxKeys}, kept in the order their windows opened, so closed windows
 * leave from the head and, when the table is full, the window closest to its end goes first. Not
 * thread-safe: {@link LoginThrottle} holds the lock.
 */
final class FailureWindows {
    private static final class Window {
        final long openedMillis;
        long attempts;

        Window(long openedMillis) {
            this.openedMillis = openedMillis;
        }
    }

    private final long amount;
    private final long windowMillis;
    private final int maxKeys;
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

    FailureWindows(long amount, long windowMillis, int maxKeys) {
        this.amount = amount;
        this.windowMillis = windowMillis;
        this.maxKeys = maxKeys;
    }

    /** Milliseconds until {@code key} may try again, or 0 when it may try now. */
    long refusedFor(String key, long now) {
        dropClosed(now);
        Window window = windows.get(key);
        return window == null || window.attempts < amount ? 0 : window.openedMillis + windowMillis - now;
    }

    /** Counts an attempt by {@code key}, opening its window if it has none. */
    void count(String key, long now) {
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
        window.attempts++;
    }

    /** Takes back one attempt counted for {@code key} (one that turned out not to be a failure). */
    void uncount(String key) {
        Window window = windows.get(key);
        if (window != null && window.attempts > 0) {
            window.attempts--;
        }
    }

    int size() {
        return windows.size();
    }

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
