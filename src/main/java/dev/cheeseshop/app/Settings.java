package dev.cheeseshop.app;

import dev.cheeseshop.xmlrpc.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What the server runs with, from the command line and the environment. */
public record Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery,
        Optional<RateLimit> xmlrpcRateLimit, long cacheSize) {
    /** The default bound of the render cache (rendered pages kept in memory). */
    public static final long DEFAULT_CACHE_SIZE = 64L * 1024 * 1024;

    /** Settings with the default reconciliation interval. */
    public Settings(Path data, String host, int port, long maxUploadSize) {
        this(data, host, port, maxUploadSize, Duration.ofHours(24));
    }

    /** Settings with no XML-RPC rate limit and the default cache size. */
    public Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery) {
        this(data, host, port, maxUploadSize, reconcileEvery, Optional.empty(), DEFAULT_CACHE_SIZE);
    }

    /** These settings with an XML-RPC rate limit per client address (empty: none). */
    public Settings withXmlrpcRateLimit(Optional<RateLimit> limit) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, limit, cacheSize);
    }

    /** These settings with another render-cache bound. */
    public Settings withCacheSize(long bytes) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, bytes);
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
