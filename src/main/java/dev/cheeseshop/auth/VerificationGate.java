package dev.cheeseshop.auth;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A bound on concurrent password checks. Each Argon2id check takes its memory (19 MiB with the
 * default parameters) and a core for its whole run, so at most {@code running} run at once
 * (about the number of cores), at most {@code queued} more wait their turn in arrival order, and
 * any other is refused at once: 200 requests with made-up credentials cost the memory of
 * {@code running} checks and a quick refusal each, not 200 × 19 MiB.
 */
public final class VerificationGate {
    private final int running;
    private final int queued;
    /** Checks running or waiting: refused beyond running + queued. */
    private final Semaphore admitted;
    /** Checks running: the rest wait here, in order. */
    private final Semaphore slots;

    public VerificationGate(int running, int queued) {
        if (running < 1 || queued < 0) {
            throw new IllegalArgumentException("a verification gate needs at least one running check");
        }
        this.running = running;
        this.queued = queued;
        this.admitted = new Semaphore(running + queued);
        this.slots = new Semaphore(running, true);
    }

    /** One check per available processor, and a queue of four per processor. */
    public static VerificationGate forThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new VerificationGate(cores, 4 * cores);
    }

    /** Runs {@code check} when a slot is free; empty, at once, when the gate is full (or the thread is interrupted). */
    public <T> Optional<T> run(Supplier<T> check) {
        if (!admitted.tryAcquire()) {
            return Optional.empty();
        }
        try {
            slots.acquire();
            try {
                return Optional.of(check.get());
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            admitted.release();
        }
    }

    /** Checks waiting for a slot (for tests). */
    int waiting() {
        return slots.getQueueLength();
    }

    @Override
    public String toString() {
        return running + " running, " + queued + " queued";
    }
}
