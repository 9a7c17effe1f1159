package dev.cheeseshop.app;

import dev.cheeseshop.manage.ProjectReservation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code project reserve NAME --owner USER}: projects, against the data directory, also beside a
 * running server (its next request sees the change). The same use case as
 * {@code POST /api/v1/projects}, run as the operator, who may do anything and has no account: the
 * journal entries name no submitter.
 */
@Command(name = "project", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manage projects.",
        subcommands = {ProjectCommand.Reserve.class})
final class ProjectCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: project reserve");
    }

    /** {@code project reserve NAME --owner USER}. */
    @Command(name = "reserve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Reserve a project name without uploading: the project is created with no release and "
                    + "USER as its Owner, so that only USER (and whom they give a role) may upload to it, and "
                    + "an upstream index's project of the same name is never fetched or served.")
    static final class Reserve implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "NAME",
                description = "The project name: ASCII letters and digits, '.', '_' and '-' inside.")
        String name;

        @Option(names = "--owner", paramLabel = "USER", required = true,
                description = "The user who owns the project (an existing account).")
        String owner;

        @Override
        public void run() {
            data.run(app -> {
                ProjectReservation.Reserved reserved = new ProjectReservation(app.store(), app.clock())
                        .reserve(null, name, owner);
                System.out.println("reserved project " + reserved.project().displayName() + " for owner "
                        + reserved.owner() + " (serial " + reserved.project().lastSerial().value() + ")");
            });
        }
    }
}
