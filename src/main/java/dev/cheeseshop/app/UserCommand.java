package dev.cheeseshop.app;

import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.manage.UserManagement;
import dev.cheeseshop.model.User;
import java.util.List;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code user add|passwd|disable|enable|list}: manage accounts, against the data directory, also
 * beside a running server (its next request sees the change). The same use cases as
 * {@code /api/v1/users}; no secret is ever an argument.
 */
@Command(name = "user", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manage user accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Disable.class,
                UserCommand.Enable.class, UserCommand.ListCommand.class})
final class UserCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** A missing subcommand is a usage error (status 2, usage shown), as a missing command is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: user add, user passwd, user disable, user enable or user list");
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
            try (Application app = data.open()) {
                app.accounts().create(name, email, password, admin);
            } catch (UserProblem e) {
                throw new CommandFailure(e.getMessage());
            }
            System.out.println("created user " + name + " (" + data.where() + ")");
        }

        static String readLine() {
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

    private static UserManagement users(Application app) {
        return new UserManagement(app.store(), app.accounts(), app.clock());
    }

    /** {@code user passwd NAME --password-stdin}. */
    @Command(name = "passwd", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Set a user's password, read from standard input.")
    static final class Passwd implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", defaultValue = "${env:CHEESESHOP_PASSWORD_STDIN:-false}",
                description = "Read the new password from the first line of standard input "
                        + "(env CHEESESHOP_PASSWORD_STDIN). Required: passwords never go on the command line.")
        boolean passwordStdin;

        @Override
        public void run() {
            if (!passwordStdin) {
                throw new CommandFailure("--password-stdin is required: pipe the password on standard input");
            }
            String password = Add.readLine();
            data.run(app -> {
                User user = users(app).changePassword(null, null, name, null, password);
                System.out.println("changed the password of user " + user.username());
            });
        }
    }

    /** {@code user disable NAME}. */
    @Command(name = "disable", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Disable a user: their password and API tokens stop working at once (also on a running "
                    + "server); their roles, tokens and uploads are kept.")
    static final class Disable implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            data.run(app -> {
                User user = users(app).disable(null, name);
                System.out.println("disabled user " + user.username());
            });
        }
    }

    /** {@code user enable NAME}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Enable a disabled user again: their password and unrevoked API tokens work again.")
    static final class Enable implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            data.run(app -> {
                User user = users(app).enable(null, name);
                System.out.println("enabled user " + user.username());
            });
        }
    }

    /** {@code user list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "List the users (never a secret): a header, then one per line, tab-separated: name, "
                    + "email (- for none), admin (yes or no), disabled (when, or -).")
    static final class ListCommand implements Runnable {
        @Mixin
        DataOption data;

        @Override
        public void run() {
            data.run(app -> {
                UserManagement users = users(app);
                System.out.println("name\temail\tadmin\tdisabled");
                String after = null;
                while (true) {
                    List<User> page = users.list(null, after, UserManagement.MAX_LIMIT);
                    for (User user : page) {
                        System.out.println(user.username() + "\t"
                                + (user.email() == null ? "-" : user.email().replaceAll("[\\t\\r\\n]", " ")) + "\t"
                                + (user.admin() ? "yes" : "no") + "\t"
                                + (user.disabled() ? user.disabledAt().toString() : "-"));
                    }
                    if (page.size() < UserManagement.MAX_LIMIT) {
                        break;
                    }
                    after = page.get(page.size() - 1).username();
                }
            });
        }
    }
}
