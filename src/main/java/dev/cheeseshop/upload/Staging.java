package dev.cheeseshop.upload;

import dev.cheeseshop.model.Digests;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Where uploads land while they are checked: a temporary folder under the data directory (so a
 * finished file can be moved into the blob store cheaply). Each file is written once, its MD5,
 * SHA-256 and BLAKE2b-256 computed on the way, and the size limit enforced as bytes arrive, so a
 * distribution is never held in memory and an oversized one is cut off early.
 */
public final class Staging {
    private final Path folder;
    private final Clock clock;
    /** The files this process staged and has not discarded yet: what {@link #discardAll} removes. */
    private final Set<Path> live = ConcurrentHashMap.newKeySet();

    public Staging(Path folder, Clock clock) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.clock = clock;
    }

    /**
     * Deletes staged files last written more than {@code age} before the clock's now: what a crash
     * in the middle of an upload left. A file's last write is its modification time, kept by the
     * file system as bytes arrive (the system clock, which is the injected one in production).
     * Younger files may belong to uploads in progress (in this process or another on the same data).
     */
    public int sweep(Duration age) throws IOException {
        Instant cutoff = clock.instant().minus(age);
        int removed = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith("upload-")
                        && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Starts a new staged file that accepts at most {@code maxBytes}. */
    public Writer begin(long maxBytes) throws IOException {
        Path path = Files.createTempFile(folder, "upload-", ".part");
        live.add(path);
        return new Writer(path, maxBytes);
    }

    /** Deletes a finished file ({@link Writer#finish}) once it has been used. */
    public void discard(Path staged) throws IOException {
        try {
            Files.deleteIfExists(staged);
        } finally {
            live.remove(staged);
        }
    }

    /**
     * Deletes every file this process staged that is still there: for a server whose requests have
     * all ended (a graceful stop), so that an upload cut off at the stop's deadline leaves nothing
     * behind. Files other processes stage in the same folder are not this one's to touch. Answers
     * how many were removed.
     */
    public int discardAll() {
        int removed = 0;
        for (Path path : live) {
            try {
                if (Files.deleteIfExists(path)) {
                    removed++;
                }
                live.remove(path);
            } catch (IOException e) {
                // still there: the sweep at the next start removes it once it is old
            }
        }
        return removed;
    }

    /** A file being written. Closing it without {@link #finish} deletes it. */
    public final class Writer implements Closeable {
        private final Path path;
        private final long maxBytes;
        private final FileChannel channel;
        private final MessageDigest md5;
        private final MessageDigest sha256;
        private final Blake2bDigest blake2b = new Blake2bDigest(256);
        private final byte[] scratch = new byte[64 * 1024];
        private long size;
        private boolean finished;

        private Writer(Path path, long maxBytes) throws IOException {
            this.path = path;
            this.maxBytes = maxBytes;
            this.channel = FileChannel.open(path, StandardOpenOption.WRITE);
            try {
                this.md5 = MessageDigest.getInstance("MD5");
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks MD5 or SHA-256", e);
            }
        }

        /** Appends the buffer's remaining bytes; false (and nothing written) once the limit would be passed. */
        public boolean write(ByteBuffer buffer) throws IOException {
            int length = buffer.remaining();
            if (size + length > maxBytes) {
                return false;
            }
            while (buffer.hasRemaining()) {
                int n = Math.min(buffer.remaining(), scratch.length);
                buffer.get(scratch, 0, n);
                md5.update(scratch, 0, n);
                sha256.update(scratch, 0, n);
                blake2b.update(scratch, 0, n);
                ByteBuffer out = ByteBuffer.wrap(scratch, 0, n);
                while (out.hasRemaining()) {
                    channel.write(out);
                }
            }
            size += length;
            return true;
        }

        /** Completes the file and answers it with its digests. */
        public StagedFile finish(String filename, String contentType) throws IOException {
            channel.close();
            byte[] b2 = new byte[32];
            blake2b.doFinal(b2, 0);
            HexFormat hex = HexFormat.of();
            Digests digests = new Digests(hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()),
                    hex.formatHex(b2));
            finished = true;
            return new StagedFile(path, filename, contentType, size, digests);
        }

        @Override
        public void close() throws IOException {
            channel.close();
            if (!finished) {
                discard(path);
            }
        }
    }
}
