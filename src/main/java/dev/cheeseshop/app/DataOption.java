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

    /**
     * Where the index is, as commands say it: {@code data in DIR} when the metadata and the files
     * are both in the data directory (the default), else {@code metadata in WHERE, files in WHERE}
     * (a PostgreSQL URL, which never holds a password, or the SQLite file; a bucket, or the
     * {@code packages} folder). Bad options are the command's one error line.
     */
    String where() {
        Path dir = data.toAbsolutePath().normalize();
        boolean embedded = database.database == null || database.database.isBlank();
        BlobSettings files = blobs.settings();
        if (embedded && files.s3().isEmpty()) {
            return "data in " + dir;
        }
        return "metadata in " + database.resolve(data) + ", files in " + files.describe(dir.resolve("packages"));
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
