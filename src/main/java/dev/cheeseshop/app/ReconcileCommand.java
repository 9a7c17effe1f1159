package dev.cheeseshop.app;

import dev.cheeseshop.store.Reconciler;
import dev.cheeseshop.upload.Staging;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reconcile}: remove blobs no file refers to (what uploads refused after writing leave),
 * and check that every file's blobs are there, rebuilding a missing METADATA from its wheel.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Remove stored files that no distribution refers to, and check that every distribution's "
                + "files are there: a missing METADATA is rebuilt from its wheel when it comes out exactly as "
                + "uploaded; anything else missing is reported. Safe beside a running server.",
            "Prints one line per finding (orphan/removed KEY, repairable/repaired: FILE (KEY), "
                + "missing: FILE (KEY)) and a summary. With an upstream cache, files cached from the "
                + "upstream whose stored copy is missing are forgotten (stale cache/forgotten: FILE (KEY)), "
                + "to be fetched again."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every distribution's files are there (after repairs)",
            "1:error",
            "2:some distribution's files are missing (in a dry run, also those a run would repair)"})
final class ReconcileCommand implements Callable<Integer> {
    /** Some file row names a blob that is missing still. */
    static final int MISSING = 2;

    @Mixin
    DataOption data;

    @Option(names = "--dry-run", description = "Only report: remove and write nothing.")
    boolean dryRun;

    @Option(names = "--grace-minutes", paramLabel = "N", defaultValue = "60",
            description = "Leave files younger than this alone: their upload may not have committed yet "
                    + "(default ${DEFAULT-VALUE}).")
    long graceMinutes;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
        if (graceMinutes < 0) {
            throw new CommandFailure("--grace-minutes must not be negative");
        }
        try (Application app = data.open()) {
            Staging staging = new Staging(new Settings(data.data, "127.0.0.1", 0, 0).staging(), app.clock());
            Reconciler.Report report = BackgroundWork.reconciler(app.store(), app.blobs(), app.clock(), staging,
                    Duration.ofMinutes(graceMinutes)).run(dryRun, progress.open("reconcile", app.clock()));
            print(report, System.out);
            return report.intact() ? 0 : MISSING;
        } catch (IOException e) {
            throw new CommandFailure("cannot reconcile: " + e.getMessage());
        }
    }

    private void print(Reconciler.Report report, PrintStream out) {
        (dryRun ? report.orphans() : report.removed()).forEach(key -> out.println((dryRun ? "orphan " : "removed ") + key));
        (dryRun ? report.repairable() : report.repaired()).forEach(found -> out.println(
                (dryRun ? "repairable: " : "repaired: ") + found.filename() + " (" + found.key() + ")"));
        report.missing().forEach(found -> out.println("missing: " + found.filename() + " (" + found.key() + ")"
                + (found.reason() == null ? "" : ": " + found.reason())));
        out.println(report.examined() + " files examined, " + (dryRun
                ? report.orphans().size() + " orphans found"
                : report.removed().size() + " orphans removed")
                + "; " + report.checked() + " distributions checked, " + report.missing().size() + " files missing, "
                + (dryRun ? report.repairable().size() + " repairable" : report.repaired().size() + " repaired"));
        if (report.cached() > 0) {
            report.forgotten().forEach(found -> out.println((dryRun ? "stale cache: " : "forgotten: ")
                    + found.filename() + " (" + found.key() + ")"));
            out.println(report.cached() + " cached upstream files checked, " + report.forgotten().size()
                    + (dryRun ? " to forget" : " forgotten") + " (fetched again on their next download)");
        }
    }
}
