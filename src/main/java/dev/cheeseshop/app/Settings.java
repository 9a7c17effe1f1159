package dev.cheeseshop.app;

import dev.cheeseshop.index.PublicUrl;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the server runs with, from the command line and the environment. {@code publicUrl} is the
 * base of absolute links; null means the address the server listens on.
 */
public record Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery,
        PublicUrl publicUrl) {
    /** Settings with the default reconciliation interval, linking to the address served. */
    public Settings(Path data, String host, int port, long maxUploadSize) {
        this(data, host, port, maxUploadSize, Duration.ofHours(24), null);
    }

    public Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery) {
        this(data, host, port, maxUploadSize, reconcileEvery, null);
    }

    /** These settings with another public URL. */
    public Settings withPublicUrl(PublicUrl url) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, url);
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
