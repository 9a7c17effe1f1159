package dev.cheeseshop.app;

import java.nio.file.Path;
import java.time.Duration;

/** What the server runs with, from the command line and the environment. */
public record Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery,
        long cacheSize) {
    /** The default bound of the render cache (rendered pages kept in memory). */
    public static final long DEFAULT_CACHE_SIZE = 64L * 1024 * 1024;

    /** Settings with the default reconciliation interval and cache size. */
    public Settings(Path data, String host, int port, long maxUploadSize) {
        this(data, host, port, maxUploadSize, Duration.ofHours(24), DEFAULT_CACHE_SIZE);
    }

    public Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery) {
        this(data, host, port, maxUploadSize, reconcileEvery, DEFAULT_CACHE_SIZE);
    }

    /** The same settings with another render-cache bound. */
    public Settings withCacheSize(long bytes) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, bytes);
    }

    public Path database() {
        return data.resolve("cheeseshop.db");
    }

    public Path packages() {
        return data.resolve("packages");
    }

    public Path staging() {
        return data.resolve("tmp");
    }
}
