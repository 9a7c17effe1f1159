package dev.cheeseshop.proxy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * One piece of work per key at a time, however many callers ask for it at once: the first caller
 * runs it, every caller that arrives while it runs waits for and shares its outcome (its value or
 * its exception), and the next caller after it ended starts it afresh. Used so that fifty clients
 * asking for one cold page cause one upstream request.
 */
final class Coalescer<K, V> {
    /** The work; may throw {@link UpstreamUnavailable}, which every waiting caller then gets. */
    @FunctionalInterface
    interface Work<V> {
        V run() throws UpstreamUnavailable;
    }

    private final ConcurrentMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();
    private final Runnable joined;

    Coalescer() {
        this(() -> {});
    }

    /** {@code joined} runs each time a caller joins work already running (a seam for tests). */
    Coalescer(Runnable joined) {
        this.joined = joined;
    }

    V run(K key, Work<V> work) throws UpstreamUnavailable {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            joined.run();
            return join(theirs);
        }
        try {
            V value = work.run();
            mine.complete(value);
            return value;
        } catch (UpstreamUnavailable | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    /** How many keys are being worked on now. */
    int running() {
        return running.size();
    }

    private static <V> V join(CompletableFuture<V> future) throws UpstreamUnavailable {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UpstreamUnavailable u) {
                        throw new UpstreamUnavailable(u.getMessage(), u);
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
