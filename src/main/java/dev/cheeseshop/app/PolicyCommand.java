package dev.cheeseshop.app;

import dev.cheeseshop.proxy.policy.PolicyException;
import dev.cheeseshop.proxy.policy.PolicyFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code policy check FILE}: reads an upstream proxy's policy file as the server would, and prints what it gives. */
@Command(name = "policy", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The upstream proxy's policy file.", subcommands = {PolicyCommand.Check.class})
final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: policy check");
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Read a policy file (TOML: allow, deny, min-age) and print the policy it gives: its allow "
                    + "and deny entries, one a line, and its minimum age; or one line saying what is wrong with it."},
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:the file is a valid policy", "1:it is not (or cannot be read)"})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
        Path file;

        @Override
        public Integer call() {
            try {
                PolicyFile.load(file).describe().forEach(System.out::println);
                return 0;
            } catch (PolicyException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
    }
}
