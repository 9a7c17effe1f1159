package dev.cheeseshop.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One file on its way from the upstream to the blob store, with every client that asked for it
 * following along. The download writes to a staging file and computes its sha256 as the bytes
 * arrive; each follower reads the staging file up to what has been written, and waits (on a
 * condition, not a timer) for more. At the end the sha256 is compared with the upstream page's:
 * only then may the file be kept ({@link Keeper}), and a follower's last bytes are handed out only
 * once it is, so a client never receives the end of a file that did not check out: its transfer is
 * cut short instead (it was sent with the upstream's length, or chunked without a last chunk), and
 * pip's own hash check refuses what it got.
 *
 * <p>The staging file is deleted when the fetch has ended and its last follower has closed.
 */
public final class FileFetch {
    /** Keeps a checked file: writes its blob and commits that it is kept. */
    @FunctionalInterface
    interface Keeper {
        void keep(Path staged, long size) throws IOException;
    }

    private static final int CHUNK = 64 * 1024;

    private final Path staging;
    private final String expectedSha256;
    private final OptionalLong expectedLength;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private long written;
    private boolean ended;
    private IOException failure;
    private int followers;
    private boolean deleted;

    FileFetch(Path staging, String expectedSha256, OptionalLong expectedLength) {
        this.staging = staging;
        this.expectedSha256 = expectedSha256;
        this.expectedLength = expectedLength;
    }

    /** The upstream's length, when it sent one (the followers' Content-Length). */
    OptionalLong expectedLength() {
        return expectedLength;
    }

    /**
     * Copies {@code body} to the staging file, checks it, and has {@code keeper} keep it. Runs on
     * the fetching thread; never throws: a failure is handed to the followers.
     */
    void run(InputStream body, Keeper keeper) {
        IOException outcome = null;
        try (FileChannel out = FileChannel.open(staging, StandardOpenOption.WRITE)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            for (int n; (n = body.read(buffer)) >= 0;) {
                sha256.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                total += n;
                if (expectedLength.isPresent() && total > expectedLength.getAsLong()) {
                    throw new IOException("the upstream sent more bytes than its Content-Length");
                }
                advance(total);
            }
            if (expectedLength.isPresent() && total != expectedLength.getAsLong()) {
                throw new IOException("the upstream's transfer ended after " + total + " of "
                        + expectedLength.getAsLong() + " bytes");
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(expectedSha256)) {
                throw new IOException("sha256 " + actual + " does not match the upstream's page (" + expectedSha256 + ")");
            }
            out.force(false);
            keeper.keep(staging, total);
        } catch (IOException e) {
            outcome = e;
        } catch (NoSuchAlgorithmException e) {
            outcome = new IOException(e);
        } catch (RuntimeException e) {
            outcome = new IOException(e.getMessage(), e);
        }
        end(outcome);
    }

    /** Fails the fetch before it began (the upstream did not answer). */
    void fail(IOException failure) {
        end(failure);
    }

    /**
     * Joins the fetch: the staging file opened for this client, from its start. Empty when the
     * fetch has ended and its staging file is gone already: the caller serves the kept blob instead
     * (or learns from {@link #failure} that there is none).
     */
    public java.util.Optional<Follower> join() throws IOException {
        lock.lock();
        try {
            if (deleted) {
                return java.util.Optional.empty();
            }
            FileChannel in = FileChannel.open(staging, StandardOpenOption.READ);
            followers++;
            return java.util.Optional.of(new Follower(in));
        } finally {
            lock.unlock();
        }
    }

    /** One client following the fetch; close it when done. */
    public final class Follower implements AutoCloseable {
        private final FileChannel in;
        private boolean closed;

        private Follower(FileChannel in) {
            this.in = in;
        }

        /** See {@link FileFetch#awaitStart}. */
        public IOException awaitStart() {
            return FileFetch.this.awaitStart();
        }

        /**
         * Copies the whole file to {@code out} as it arrives; throws when the fetch failed (after
         * whatever was handed out; never its last byte).
         */
        public void copyTo(OutputStream out) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long position = 0;
            while (true) {
                long available = await(position);
                if (available < 0) {
                    return;
                }
                while (position < available) {
                    buffer.clear().limit((int) Math.min(CHUNK, available - position));
                    int n = in.read(buffer, position);
                    if (n < 0) {
                        throw new IOException("staging file shorter than written");
                    }
                    out.write(buffer.array(), 0, n);
                    position += n;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                in.close();
            } finally {
                leave();
            }
        }
    }

    /**
     * Waits until the first bytes have arrived or the fetch has ended, and answers its failure if
     * it ended without a byte (the upstream did not answer): the caller can still answer with an
     * error status instead of a cut transfer.
     */
    private IOException awaitStart() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!ended && written == 0) {
                try {
                    moved.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return ended && written == 0 ? failure : null;
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until more than {@code position} bytes may be handed out, and answers how many; -1 when
     * everything has been. While the fetch runs, the last byte is held back until it has been
     * checked and kept.
     */
    private long await(long position) throws IOException {
        boolean interrupted = false;
        lock.lock();
        try {
            while (true) {
                if (ended && failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                }
                long handOut = ended ? written : Math.max(0, written - 1);
                if (handOut > position) {
                    return handOut;
                }
                if (ended) {
                    return -1;
                }
                try {
                    moved.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void advance(long total) {
        lock.lock();
        try {
            written = total;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void end(IOException outcome) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            failure = outcome;
            moved.signalAll();
            deleteIfUnused();
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            followers--;
            deleteIfUnused();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void deleteIfUnused() {
        if (ended && followers == 0 && !deleted) {
            deleted = true;
            try {
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                // Left for the staging directory's clean-up at the next start.
            }
        }
    }

    /** Whether the fetch has ended (kept or failed). */
    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** The failure the fetch ended with, or null. */
    public IOException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }
}
