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

/** {@code restore}: a backup made by {@code backup} put back into a new data directory. */
@Command(name = "restore", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Restore a backup made by 'cheeseshop backup' into a new, empty data directory: the database,"
                + " then every file it names, as hard links where the file system allows (else copies). Then:"
                + " cheeseshop serve --data DIR.",
            "Prints a line per file whose blob the backup lacks and a summary."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the data directory holds the whole backup",
            "1:error, or refused (the data directory is not empty)",
            "2:restored, but the backup lacks some files' blobs ('cheeseshop reconcile' lists them)"})
final class RestoreCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "DEST", required = true,
            description = "The backup: a directory 'cheeseshop backup' wrote.")
    Path from;

    @Mixin
    DataOption data;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
        BackupCommand.embeddedOnly(data, "restore",
                "restore PostgreSQL with pg_restore or point-in-time recovery, and S3 from bucket versioning or"
                        + " replication (docs/deployment.md, Backup and restore)");
        try {
            DataCopy.Report report = DataCopy.restore(from, data.data, progress.open("restore", Clock.systemUTC()));
            BackupCommand.print("restored " + from + " into " + data.data, report);
            return report.complete() ? 0 : BackupCommand.INCOMPLETE;
        } catch (BackupProblem e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("cannot restore: " + e.getMessage() + " (" + data.data
                    + " is incomplete: empty it before trying again)");
        }
    }
}
