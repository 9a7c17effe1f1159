package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    private static final int CALLERS = 50;

    @Test
    void fiftyCallersAtOnceShareOneRunAndItsValue() throws Exception {
        CountDownLatch allJoined = new CountDownLatch(CALLERS - 1);
        Coalescer<String, String> coalescer = new Coalescer<>(allJoined::countDown);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<String>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> coalescer.run("page", () -> {
                runs.incrementAndGet();
                started.countDown();
                await(allJoined); // every other caller has joined this run before it ends
                return "the page";
            })));
            await(started);
            for (int i = 1; i < CALLERS; i++) {
                answers.add(pool.submit(() -> coalescer.run("page", () -> {
                    runs.incrementAndGet();
                    return "a second run";
                })));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("the page");
            }
            assertThat(runs).hasValue(1);
            assertThat(coalescer.running()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyCallerWaitingGetsTheFailureAndTheNextCallerRunsAgain() throws Exception {
        CountDownLatch joined = new CountDownLatch(1);
        Coalescer<String, String> coalescer = new Coalescer<>(joined::countDown);
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> coalescer.run("page", () -> {
                started.countDown();
                await(joined);
                throw new UpstreamUnavailable("upstream.example: connection refused");
            }));
            await(started);
            Future<String> second = pool.submit(() -> coalescer.run("page", () -> "not run"));
            assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(UpstreamUnavailable.class);
            assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(UpstreamUnavailable.class)
                    .hasMessageContaining("connection refused");
            // Failures are not kept: the next caller runs the work afresh.
            assertThat(coalescer.run("page", () -> "fetched now")).isEqualTo("fetched now");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentKeysRunApart() throws Exception {
        Coalescer<String, String> coalescer = new Coalescer<>();
        String outer = coalescer.run("a", () -> "a:" + coalescer.run("b", () -> "b"));
        assertThat(outer).isEqualTo("a:b");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("gave up waiting");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
