package dev.cheeseshop.proxy.policy;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.proxy.ProxyPolicy;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy of a file, reloaded without a restart: the current {@link Policy} sits in a volatile
 * field, so a decision reads it without a lock and a reload replaces it at once. {@link #reload()}
 * reads the file again (SIGHUP); {@link #reloadIfChanged()} does so only when the file's
 * modification time, size or identity moved and its SHA-256 differs from the last one read (the
 * periodic check). A valid file replaces the policy; an invalid one (or a missing file) keeps the
 * old one, and its error is logged once, as a WARN of one line that names the bad entry and no
 * other content of the file: a periodic check does not read the same bad file again.
 */
public final class ReloadablePolicy implements ProxyPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadablePolicy.class);

    /** Told of every reload that read the file: whether it was valid (the metrics count them). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = ok -> {};

        void reloaded(boolean ok);
    }

    /** What a reload did. */
    public enum Outcome {
        /** The file was read and replaced the policy. */
        RELOADED,
        /** The file was read and refused: the old policy stays. */
        FAILED,
        /** The file had not changed: nothing was read ({@link #reloadIfChanged()} only). */
        UNCHANGED
    }

    /** What the file looked like when last read; {@code digest} null when it could not be read. */
    private record Stamp(FileTime modified, long size, Object key, byte[] digest) {
        boolean sameFile(Stamp other) {
            return other != null && Objects.equals(modified, other.modified) && size == other.size
                    && Objects.equals(key, other.key);
        }
    }

    /** The file could not be found when last looked at. */
    private static final Stamp MISSING = new Stamp(null, -1, null, null);

    private final Path file;
    private final Duration defaultMinAge;
    private final Listener listener;
    private volatile Policy current;
    private final AtomicLong generation = new AtomicLong();
    private Stamp seen; // guarded by this; never null

    private ReloadablePolicy(Path file, Duration defaultMinAge, Listener listener, Policy first, Stamp stamp) {
        this.file = file;
        this.defaultMinAge = defaultMinAge;
        this.listener = listener;
        this.current = first;
        this.seen = stamp;
    }

    /**
     * Reads the policy at {@code file} for a server starting: an invalid file is an error, not a
     * policy kept (there is none yet).
     *
     * @param defaultMinAge the minimum age when the file sets none ({@code serve --upstream-min-age}; zero: none)
     * @throws PolicyException the one line to show (the server then exits with status 1)
     */
    public static ReloadablePolicy load(Path file, Duration defaultMinAge, Listener listener) throws PolicyException {
        Stamp stamp = stat(file);
        byte[] bytes = PolicyFile.read(file);
        Policy policy = PolicyFile.parse(file.toString(), bytes).withDefaultMinAge(defaultMinAge);
        return new ReloadablePolicy(file, defaultMinAge, listener, policy,
                stamp == null ? MISSING : new Stamp(stamp.modified, stamp.size, stamp.key, sha256(bytes)));
    }

    /** The policy decisions are made by now. */
    public Policy current() {
        return current;
    }

    /** The file this policy is read from. */
    public Path file() {
        return file;
    }

    @Override
    public Decision project(String normalizedName) {
        return current.project(normalizedName);
    }

    @Override
    public Decision file(String normalizedName, UpstreamFile upstreamFile, Instant now) {
        return current.file(normalizedName, upstreamFile, now);
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public boolean needsUploadTimes() {
        return current.needsUploadTimes();
    }

    /** Reads the file again, whatever its modification time says (SIGHUP). */
    public synchronized Outcome reload() {
        return read(stat(file), true);
    }

    /**
     * Reads the file again if it changed since it was last read: its modification time, size or
     * identity (a file replaced by a rename, a symbolic link moved) differ, and then its SHA-256.
     * A file that is touched but not changed is not reloaded; a bad file is read once, not at
     * every check, until it changes again.
     */
    public synchronized Outcome reloadIfChanged() {
        Stamp now = stat(file);
        if (now == null ? seen == MISSING : now.sameFile(seen)) {
            return Outcome.UNCHANGED;
        }
        return read(now, false);
    }

    private Outcome read(Stamp now, boolean always) {
        Stamp previous = seen;
        byte[] bytes;
        try {
            bytes = PolicyFile.read(file);
        } catch (PolicyException e) {
            seen = now == null ? MISSING : now;
            return failed(e);
        }
        byte[] digest = sha256(bytes);
        seen = now == null ? MISSING : new Stamp(now.modified, now.size, now.key, digest);
        if (!always && previous.digest != null && Arrays.equals(previous.digest, digest)) {
            return Outcome.UNCHANGED;
        }
        try {
            Policy policy = PolicyFile.parse(file.toString(), bytes).withDefaultMinAge(defaultMinAge);
            current = policy;
            generation.incrementAndGet();
            LOG.info("proxy policy reloaded from {}: {}", file, summary(policy));
            listener.reloaded(true);
            return Outcome.RELOADED;
        } catch (PolicyException e) {
            return failed(e);
        }
    }

    private Outcome failed(PolicyException e) {
        LOG.warn("proxy policy not reloaded, the previous one stays: {}", e.getMessage());
        listener.reloaded(false);
        return Outcome.FAILED;
    }

    private static String summary(Policy policy) {
        return String.join("; ", policy.describe().stream().filter(line -> !line.startsWith(" ")).toList());
    }

    /** The file's modification time, size and identity, or null when it cannot be read. */
    private static Stamp stat(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), null);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
