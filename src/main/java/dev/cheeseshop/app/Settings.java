package dev.cheeseshop.app;

import java.nio.file.Path;
import java.time.Duration;

/** What the server runs with, from the command line and the environment. */
public record Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery) {
    /** Settings with the default reconciliation interval. */
    public Settings(Path data, String host, int port, long maxUploadSize) {
        this(data, host, port, maxUploadSize, Duration.ofHours(24));
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
