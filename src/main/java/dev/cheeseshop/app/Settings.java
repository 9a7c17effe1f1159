package dev.cheeseshop.app;

import dev.cheeseshop.xmlrpc.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What the server runs with, from the command line and the environment. */
public record Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery,
        Optional<RateLimit> xmlrpcRateLimit) {
    /** Settings with the default reconciliation interval. */
    public Settings(Path data, String host, int port, long maxUploadSize) {
        this(data, host, port, maxUploadSize, Duration.ofHours(24));
    }

    /** Settings with no XML-RPC rate limit. */
    public Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery) {
        this(data, host, port, maxUploadSize, reconcileEvery, Optional.empty());
    }

    /** These settings with an XML-RPC rate limit per client address (empty: none). */
    public Settings withXmlrpcRateLimit(Optional<RateLimit> limit) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, limit);
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
