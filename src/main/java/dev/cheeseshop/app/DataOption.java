package dev.cheeseshop.app;

import dev.cheeseshop.manage.ManageProblem;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code --data} option every command that touches the index takes. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:CHEESESHOP_DATA:-./data}",
            description = "Data directory: metadata database and distribution files (env CHEESESHOP_DATA; "
                    + "default ${DEFAULT-VALUE}).")
    Path data;

    @Mixin
    DatabaseOption database;

    @Mixin
    BlobOptions blobs;

    /** Opens the index: the metadata where {@code --database} says, the files where {@code --blobs} says. */
    Application open() {
        return Application.forCommand(data, database.resolve(data), blobs.settings());
    }

    /** Work on the index in the data directory, which a management use case may refuse. */
    @FunctionalInterface
    interface IndexWork {
        void run(Application app) throws ManageProblem;
    }

    /** Opens the index, runs {@code work} and closes it; a refusal is the command's one error line. */
    void run(IndexWork work) {
        try (Application app = open()) {
            work.run(app);
        } catch (ManageProblem e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
