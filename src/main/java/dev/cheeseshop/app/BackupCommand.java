package dev.cheeseshop.app;

import dev.cheeseshop.backup.BackupProblem;
import dev.cheeseshop.backup.DataCopy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backup}: a consistent copy of an index on the embedded default, taken while it serves. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Back up an index on the embedded default (SQLite and files in the data directory) into a new,"
                + " empty directory, while the server runs: SQLite's online backup of the database as of one"
                + " instant, then every file that copy names, as hard links where the file system allows (else"
                + " copies). The backup is a data directory: restore it with 'cheeseshop restore', or serve it.",
            "For metadata in PostgreSQL and files in S3, use pg_dump or point-in-time recovery and bucket"
                + " versioning or replication instead (docs/deployment.md).",
            "Prints a line per file whose blob was missing and a summary."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the backup is complete",
            "1:error, or refused",
            "2:the backup holds files whose blobs were missing (removed after the instant copied)"})
final class BackupCommand implements Callable<Integer> {
    /** Some file in the copy has no blob. */
    static final int INCOMPLETE = 2;

    @Mixin
    DataOption data;

    @Option(names = "--to", paramLabel = "DEST", required = true,
            description = "The directory to back up into: new, or empty.")
    Path to;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
        embeddedOnly(data, "backup",
                "back up PostgreSQL with pg_dump or point-in-time recovery, and S3 with bucket versioning or"
                        + " replication (docs/deployment.md, Backup and restore)");
        try {
            DataCopy.Report report = DataCopy.backup(data.data, to, progress.open("backup", Clock.systemUTC()));
            print("backed up " + data.data + " into " + to, report);
            return report.complete() ? 0 : INCOMPLETE;
        } catch (BackupProblem e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("cannot back up: " + e.getMessage() + " (" + to + " is incomplete: delete it)");
        }
    }

    /** Refuses an index that is not on the embedded default, saying what to do instead. */
    static void embeddedOnly(DataOption data, String command, String instead) {
        if (data.database.database != null && !data.database.database.isBlank()
                || data.blobs.blobs != null && !data.blobs.blobs.isBlank()) {
            throw new CommandFailure(command + " works on the embedded default (SQLite and files in the data"
                    + " directory), not with --database or --blobs: " + instead);
        }
        data.blobs.settings();
    }

    /** A line per missing blob, then the summary. */
    static void print(String done, DataCopy.Report report) {
        report.missing().forEach(missing -> System.out.println("missing: " + missing.filename() + " ("
                + missing.key() + ")"));
        System.out.println(done + ": last serial " + report.serial() + ", " + report.files() + " files, "
                + (report.linked() + report.copied()) + " blobs (" + report.linked() + " linked, " + report.copied()
                + " copied), " + report.missing().size() + " missing");
    }
}
