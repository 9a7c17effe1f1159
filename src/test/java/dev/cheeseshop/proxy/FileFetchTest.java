package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFetchTest {
    @TempDir
    Path tmp;

    private final byte[] content = new byte[300_000];

    {
        new Random(7).nextBytes(content);
    }

    @Test
    void followersGetEveryByteAndTheFileIsKeptOnlyAfterItsHashMatched() throws Exception {
        Path staging = Files.createFile(tmp.resolve("a.part"));
        FileFetch fetch = new FileFetch(staging, sha256(content), OptionalLong.of(content.length));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<byte[]> first = follow(pool, fetch);
            Future<byte[]> second = follow(pool, fetch);
            AtomicReference<byte[]> kept = new AtomicReference<>();
            fetch.run(new ByteArrayInputStream(content), (staged, size) -> {
                assertThat(size).isEqualTo(content.length);
                kept.set(Files.readAllBytes(staged));
            });
            assertThat(kept.get()).isEqualTo(content);
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(content);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(content);
            assertThat(fetch.failure()).isNull();
            assertThat(staging).doesNotExist();
            assertThat(fetch.join()).isEmpty(); // a latecomer serves the kept blob instead
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLastByteWaitsForTheCheckSoAFollowerNeverHasTheWholeFileBeforeItIsKept() throws Exception {
        Path staging = Files.createFile(tmp.resolve("b.part"));
        FileFetch fetch = new FileFetch(staging, sha256(content), OptionalLong.of(content.length));
        AtomicLong received = new AtomicLong();
        CountDownLatch allButLast = new CountDownLatch(1);
        OutputStream client = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (received.addAndGet(len) == content.length - 1) {
                    allButLast.countDown();
                }
            }
        };
        FileFetch.Follower follower = fetch.join().orElseThrow();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> following = pool.submit(() -> {
                follower.copyTo(client);
                return null;
            });
            AtomicLong receivedWhenKept = new AtomicLong(-1);
            fetch.run(new ByteArrayInputStream(content), (staged, size) -> {
                // Everything has arrived and checked out, and the follower may have all but the last byte.
                await(allButLast);
                receivedWhenKept.set(received.get());
            });
            following.get(30, TimeUnit.SECONDS);
            assertThat(receivedWhenKept).hasValue(content.length - 1);
            assertThat(received).hasValue(content.length);
        } finally {
            follower.close();
            pool.shutdownNow();
        }
    }

    @Test
    void aFileWhoseHashDoesNotMatchIsNeverKeptAndItsFollowersAreCutShort() throws Exception {
        Path staging = Files.createFile(tmp.resolve("c.part"));
        byte[] tampered = content.clone();
        tampered[1000] ^= 1;
        FileFetch fetch = new FileFetch(staging, sha256(content), OptionalLong.of(content.length));
        FileFetch.Follower follower = fetch.join().orElseThrow();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> following = pool.submit(() -> {
                follower.copyTo(got);
                return null;
            });
            fetch.run(new ByteArrayInputStream(tampered), (staged, size) -> {
                throw new AssertionError("a file that did not check out was kept");
            });
            assertThatThrownBy(() -> following.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("does not match");
            assertThat(got.size()).isLessThan(content.length);
            assertThat(fetch.failure()).hasMessageContaining("sha256");
        } finally {
            follower.close();
            pool.shutdownNow();
        }
        assertThat(staging).doesNotExist();
    }

    @Test
    void aTransferShorterThanItsLengthFailsAndAnUpstreamThatNeverAnsweredFailsBeforeAByte() throws Exception {
        FileFetch shortOne = new FileFetch(Files.createFile(tmp.resolve("d.part")), sha256(content),
                OptionalLong.of(content.length));
        shortOne.run(new ByteArrayInputStream(content, 0, 1000), (staged, size) -> {
            throw new AssertionError("kept");
        });
        assertThat(shortOne.failure()).hasMessageContaining("1000 of " + content.length);

        FileFetch never = new FileFetch(Files.createFile(tmp.resolve("e.part")), sha256(content), OptionalLong.empty());
        Optional<FileFetch.Follower> follower = never.join();
        never.fail(new IOException("upstream.example: connection refused"));
        try (FileFetch.Follower f = follower.orElseThrow()) {
            assertThat(f.awaitStart()).hasMessageContaining("connection refused");
        }
        assertThat(tmp.resolve("e.part")).doesNotExist();
    }

    @Test
    void aFollowerJoiningMidwayStillGetsTheFileFromItsStart() throws Exception {
        Path staging = Files.createFile(tmp.resolve("f.part"));
        FileFetch fetch = new FileFetch(staging, sha256(content), OptionalLong.empty());
        PipedOutputStream upstream = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(upstream, 64 * 1024);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> running = pool.submit(() -> fetch.run(body, (staged, size) -> {}));
            upstream.write(content, 0, 100_000);
            upstream.flush();
            try (FileFetch.Follower early = fetch.join().orElseThrow()) {
                assertThat(early.awaitStart()).isNull(); // bytes have arrived
            }
            Future<byte[]> late = follow(pool, fetch);
            upstream.write(content, 100_000, content.length - 100_000);
            upstream.close();
            running.get(30, TimeUnit.SECONDS);
            assertThat(late.get(30, TimeUnit.SECONDS)).isEqualTo(content);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Joins now, on the test's thread, and copies on {@code pool}. */
    private static Future<byte[]> follow(ExecutorService pool, FileFetch fetch) throws IOException {
        FileFetch.Follower follower = fetch.join().orElseThrow();
        return pool.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (follower) {
                follower.copyTo(out);
            }
            return out.toByteArray();
        });
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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
