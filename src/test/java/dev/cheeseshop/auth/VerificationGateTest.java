package dev.cheeseshop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most N checks run, M more wait, and any other is refused at once without running. */
class VerificationGateTest {
    @Test
    void beyondTheRunningAndTheQueuedAChecksIsRefusedAtOnce() throws Exception {
        VerificationGate gate = new VerificationGate(1, 1);
        // Threads of its own: the common pool may have a single thread (two cores), which the first
        // check would hold while the second never starts.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            fillAndDrain(gate, threads);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void fillAndDrain(VerificationGate gate, ExecutorService threads) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();

        CompletableFuture<Optional<String>> running = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            started.countDown();
            await(release);
            ran.incrementAndGet();
            return "first";
        }), threads);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Optional<String>> queued = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            ran.incrementAndGet();
            return "second";
        }), threads);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (gate.waiting() == 0) { // until the second has taken its place in the queue
            assertThat(System.nanoTime()).as("the second check queues").isLessThan(deadline);
            Thread.onSpinWait();
        }

        assertThat(gate.run(() -> {
            ran.incrementAndGet();
            return "third";
        })).isEmpty();
        assertThat(ran).hasValue(0);

        release.countDown();
        assertThat(running.get(30, TimeUnit.SECONDS)).contains("first");
        assertThat(queued.get(30, TimeUnit.SECONDS)).contains("second");
        assertThat(gate.run(() -> "fourth")).as("room again").contains("fourth");
        assertThat(ran).hasValue(2);
    }

    @Test
    void aFailingCheckGivesBackItsPlace() {
        VerificationGate gate = new VerificationGate(1, 0);

        assertThatThrownBy(() -> gate.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(gate.run(() -> "next")).contains("next");
    }

    @Test
    void needsARunningCheck() {
        assertThatThrownBy(() -> new VerificationGate(0, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
