package dev.cheeseshop.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cheeseshop} command: {@code serve}, {@code user add}, ... */
@Command(name = "cheeseshop", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A PyPI-compatible package index.",
        subcommands = {ServeCommand.class, UserCommand.class, TokenCommand.class, ProjectCommand.class,
            ReconcileCommand.class, BenchDataCommand.class, MigrateCommand.class, BackupCommand.class, RestoreCommand.class,
            PolicyCommand.class, UpstreamCommand.class, RenderDescriptionsCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and answers its exit status (0 ok, 1 refused or misused). */
    public static int run(String... args) {
        boolean serving = args.length > 0 && args[0].equals("serve");
        if (!serving && System.getProperty("cheeseshop.log.level") == null) {
            System.setProperty("cheeseshop.log.level", "WARN");
        }
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.setParameterExceptionHandler(Main::usageError);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: serve, user, token, project, reconcile, bench-data, migrate, backup, restore,"
                        + " policy or upstream");
    }

    /**
     * A usage error is bad input like any other: one line on stderr saying what is wrong (with
     * picocli's "did you mean" suggestions, if any) and where the usage is, and exit status 1.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        StringBuilder line = new StringBuilder("error: ").append(e.getMessage().strip());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append('?');
        }
        line.append(" (see '").append(commandLine.getCommandSpec().qualifiedName()).append(" --help')");
        commandLine.getErr().println(line.toString().replaceAll("[\\r\\n]+", " "));
        return 1;
    }

    /** The version, from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cheeseshop " + (version == null ? "(development)" : version)};
        }
    }

    /** Refusals are one line on stderr with exit status 1; nothing else prints a stack trace. */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
            if (e instanceof CommandFailure failure) {
                commandLine.getErr().println("error: " + failure.getMessage());
                return 1;
            }
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            commandLine.getErr().println("error: " + message.lines().findFirst().orElse(message));
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            return 1;
        }
    }
}
