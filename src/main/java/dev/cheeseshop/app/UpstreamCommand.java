package dev.cheeseshop.app;

import dev.cheeseshop.manage.UpstreamPurge;
import dev.cheeseshop.store.UpstreamBlobs;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code upstream purge PROJECT | --all}: forgets the upstream cache of one project or of all,
 * against the data directory, also beside a running server (its next request fetches again). The
 * same use case as {@code DELETE /api/v1/upstream/projects/...}.
 */
@Command(name = "upstream", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manage the cache of the proxied upstream index.", subcommands = UpstreamCommand.Purge.class)
final class UpstreamCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: upstream purge");
    }

    /** {@code upstream purge PROJECT} or {@code upstream purge --all}. */
    @Command(name = "purge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Forget the cached upstream page and files of PROJECT, or of every project with --all;"
                    + " local projects are never touched.")
    static final class Purge implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT")
        String project;

        @Option(names = "--all", description = "Purge every upstream project.")
        boolean all;

        @Override
        public void run() {
            if (all == (project != null)) {
                throw new CommandFailure("name one PROJECT, or --all");
            }
            data.run(app -> {
                UpstreamPurge.Purged purged = new UpstreamPurge(app.store(), new UpstreamBlobs(app.store(), app.blobs()))
                        .purge(Optional.ofNullable(project));
                System.out.println("purged the upstream cache of " + purged.project().orElse("every project") + ": "
                        + purged.blobs() + " kept files deleted");
            });
        }
    }
}
