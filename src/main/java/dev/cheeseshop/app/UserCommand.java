package dev.cheeseshop.app;

import dev.cheeseshop.auth.UserProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code user ...}: manage accounts. */
@Command(name = "user", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manage user accounts.",
        subcommands = UserCommand.Add.class)
final class UserCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** A missing subcommand is a usage error (status 2, usage shown), as a missing command is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: user add");
    }

    /** {@code user add NAME --password-stdin}: works beside a running server on the same data. */
    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Create a user account.")
    static final class Add implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "NAME", description = "Username: letters, digits, '.', '_' and '-'.")
        String name;

        @Option(names = "--password-stdin", defaultValue = "${env:CHEESESHOP_PASSWORD_STDIN:-false}",
                description = "Read the password from the first line of standard input "
                        + "(env CHEESESHOP_PASSWORD_STDIN). Required: passwords never go on the command line.")
        boolean passwordStdin;

        @Option(names = "--email", paramLabel = "E", defaultValue = "${env:CHEESESHOP_EMAIL}",
                description = "Email address (env CHEESESHOP_EMAIL).")
        String email;

        @Option(names = "--admin", defaultValue = "${env:CHEESESHOP_ADMIN:-false}",
                description = "Make the user an administrator (env CHEESESHOP_ADMIN).")
        boolean admin;

        @Override
        public void run() {
            if (!passwordStdin) {
                throw new CommandFailure("--password-stdin is required: pipe the password on standard input");
            }
            String password = readLine();
            try (Application app = Application.forCommand(data.data)) {
                app.accounts().create(name, email, password, admin);
            } catch (UserProblem e) {
                throw new CommandFailure(e.getMessage());
            }
            System.out.println("created user " + name + " (data in " + data.data.toAbsolutePath().normalize() + ")");
        }

        private static String readLine() {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line == null) {
                    throw new CommandFailure("no password on standard input");
                }
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            } catch (IOException e) {
                throw new CommandFailure("cannot read the password from standard input: " + e.getMessage());
            }
        }
    }
}
