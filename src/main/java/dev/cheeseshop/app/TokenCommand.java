package dev.cheeseshop.app;

import dev.cheeseshop.manage.CreateToken;
import dev.cheeseshop.manage.Expiry;
import dev.cheeseshop.manage.ListTokens;
import dev.cheeseshop.manage.RevokeToken;
import dev.cheeseshop.model.ApiToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code token create|list|revoke}: API tokens, against the data directory, also beside a running
 * server (its next request sees the change). The same use cases as {@code /api/v1/tokens}. No
 * secret is ever an argument: {@code create} makes the secret and prints it, once.
 */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListCommand.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: token create, token list or token revoke");
    }

    /** {@code token create USER --name N [--project P ...] [--expires WHEN]}. */
    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Create an API token for a user. Prints what was created, then the token alone on the "
                    + "last line: it is shown this once, and only its digest is kept.")
    static final class Create implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "USER", description = "The user the token acts as.")
        String user;

        @Option(names = "--name", paramLabel = "N", required = true, description = "What the token is for.")
        String name;

        @Option(names = "--project", paramLabel = "P",
                description = "Scope the token to this project (repeatable); the user must have a role on it. "
                        + "Without it the token may do whatever the user may.")
        List<String> projects = new ArrayList<>();

        @Option(names = "--expires", paramLabel = "WHEN",
                description = "When it stops working: seconds from now (86400), an ISO-8601 date (2027-01-31, "
                        + "midnight UTC) or date-time with offset (2027-01-31T12:00:00Z). Default: never.")
        String expires;

        @Override
        public void run() {
            data.run(app -> {
                Instant expiry = expires == null ? null : Expiry.parse(expires, app.clock().instant());
                CreateToken.Created created = new CreateToken(app.store(), app.clock())
                        .forUser(user, new CreateToken.Request(name, projects, expiry));
                System.out.println("created token " + describe(created.token()) + " for user " + user);
                System.out.println(created.secret());
            });
        }
    }

    /** {@code token list USER}. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "List a user's API tokens (never their secrets), revoked ones included: one per line, "
                    + "tab-separated: id, name, projects, created, expires, last used, revoked.")
    static final class ListCommand implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Override
        public void run() {
            data.run(app -> {
                List<ApiToken> tokens = new ListTokens(app.store()).of(user);
                System.out.println("id\tname\tprojects\tcreated\texpires\tlast-used\trevoked");
                for (ApiToken token : tokens) {
                    System.out.println(token.id() + "\t" + oneLine(token.name()) + "\t"
                            + (token.scoped() ? String.join(",", token.projects()) : "*") + "\t" + token.created()
                            + "\t" + orDash(token.expires()) + "\t" + orDash(token.lastUsed()) + "\t"
                            + orDash(token.revoked()));
                }
            });
        }
    }

    /** {@code token revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Revoke an API token (see 'token list' for ids). It stops working at once.")
    static final class Revoke implements Runnable {
        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public void run() {
            data.run(app -> {
                ApiToken revoked = new RevokeToken(app.store(), app.clock()).byOperator(id);
                System.out.println("revoked token " + describe(revoked));
            });
        }
    }

    private static String describe(ApiToken token) {
        return token.id() + " '" + oneLine(token.name()) + "' ("
                + (token.scoped() ? "projects " + String.join(", ", token.projects()) : "all projects")
                + (token.expires() == null ? "" : ", expires " + token.expires()) + ")";
    }

    private static String orDash(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]", " ");
    }
}
