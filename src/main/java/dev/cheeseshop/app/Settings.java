package dev.cheeseshop.app;

import java.nio.file.Path;

/** What the server runs with, from the command line and the environment. */
public record Settings(Path data, String host, int port, long maxUploadSize) {
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
