package dev.cheeseshop.app;

import dev.cheeseshop.store.Reconciler;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reconcile}: remove blobs no file refers to (what uploads refused after writing leave). */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Remove stored files that no distribution refers to. Safe beside a running server.")
final class ReconcileCommand implements Runnable {
    @Mixin
    DataOption data;

    @Option(names = "--dry-run", description = "Only list the orphans.")
    boolean dryRun;

    @Option(names = "--grace-minutes", paramLabel = "N", defaultValue = "60",
            description = "Leave files younger than this alone: their upload may not have committed yet "
                    + "(default ${DEFAULT-VALUE}).")
    long graceMinutes;

    @Override
    public void run() {
        if (graceMinutes < 0) {
            throw new CommandFailure("--grace-minutes must not be negative");
        }
        try (Application app = data.open()) {
            Reconciler.Report report = new Reconciler(app.store(), app.blobs(), app.clock(),
                    Duration.ofMinutes(graceMinutes)).run(dryRun);
            (dryRun ? report.orphans() : report.removed()).forEach(
                    key -> System.out.println((dryRun ? "orphan " : "removed ") + key));
            System.out.println(report.examined() + " files examined, " + (dryRun
                    ? report.orphans().size() + " orphans found"
                    : report.removed().size() + " orphans removed"));
        } catch (IOException e) {
            throw new CommandFailure("cannot reconcile: " + e.getMessage());
        }
    }
}
