package dev.cheeseshop.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option every command that touches the index takes. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:CHEESESHOP_DATA:-./data}",
            description = "Data directory: metadata database and distribution files (env CHEESESHOP_DATA; "
                    + "default ${DEFAULT-VALUE}).")
    Path data;
}
