package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Processes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, version and usage errors of the packaged jar. */
class HelpIT {
    private static Processes.Result cheeseshop(String commandLine) {
        return Processes.cheeseshop(commandLine.isEmpty() ? new String[0] : commandLine.split(" ")).run();
    }

    /** Not a stack trace, nor an exception's name. */
    private static void assertNoStackTrace(Processes.Result result) {
        assertThat(result.output()).as(result.describe()).doesNotContain("Exception", "\tat ", "picocli.");
    }

    @ParameterizedTest
    @CsvSource({
        "'--help', 'Usage: cheeseshop [', 'serve'",
        "'-h', 'Usage: cheeseshop [', 'user'",
        "'serve --help', 'Usage: cheeseshop serve [', '--port'",
        "'user --help', 'Usage: cheeseshop user [', 'add'",
        "'user add --help', 'Usage: cheeseshop user add [', '--password-stdin'",
        "'user --help', 'Usage: cheeseshop user [', 'disable'",
        "'user passwd --help', 'Usage: cheeseshop user passwd [', '--password-stdin'",
        "'user list --help', 'Usage: cheeseshop user list [', 'disabled'",
        "'token --help', 'Usage: cheeseshop token [', 'revoke'",
        "'token create --help', 'Usage: cheeseshop token create [', '--expires'",
        "'--help', 'Usage: cheeseshop [', 'project'",
        "'project --help', 'Usage: cheeseshop project [', 'reserve'",
        "'project reserve --help', 'Usage: cheeseshop project reserve [', '--owner'",
        "'bench-data --help', 'Usage: cheeseshop bench-data [', '--journal'",
        "'--help', 'Usage: cheeseshop [', 'backup'",
        "'backup --help', 'Usage: cheeseshop backup [', '--progress'",
        "'restore --help', 'Usage: cheeseshop restore [', '--from'",
        "'migrate --help', 'Usage: cheeseshop migrate [', '--progress-interval'",
        "'reconcile --help', 'Usage: cheeseshop reconcile [', '--progress'",
        "'render-descriptions --help', 'Usage: cheeseshop render-descriptions [', '--progress'",
        "'serve --help', 'Usage: cheeseshop serve [', '--upstream-min-age'",
        "'upstream --help', 'Usage: cheeseshop upstream [', 'purge'",
        "'upstream purge --help', 'Usage: cheeseshop upstream purge [', '--all'",
        "'policy check --help', 'Usage: cheeseshop policy check [', 'FILE'"})
    void helpPrintsUsageAndExitsZero(String commandLine, String usage, String mentions) {
        Processes.Result result = cheeseshop(commandLine);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).startsWith(usage).contains(mentions);
        assertThat(result.stderr()).as(result.describe()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "serve --version", "user add --version"})
    void versionPrintsTheProjectVersion(String commandLine) {
        Processes.Result result = cheeseshop(commandLine);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        String version = System.getProperty("cheeseshop.version");
        assertThat(version).as("failsafe sets cheeseshop.version").isNotBlank();
        assertThat(result.stdout().strip()).isEqualTo("cheeseshop " + version);
    }

    @ParameterizedTest
    @CsvSource({
        "'frobnicate', 'frobnicate'",
        "'--frobnicate', '--frobnicate'",
        "'serve --frobnicate', '--frobnicate'",
        "'serve --port eighty', 'eighty'",
        "'serve --download-counts maybe', 'maybe'",
        "'serve --log-format xml', 'xml'",
        "'serve --shutdown-timeout soon', 'soon'",
        "'serve --session-idle later', 'later'",
        "'user frobnicate', 'frobnicate'",
        "'user add --data /tmp/x', 'NAME'",
        "'user add alice --frobnicate', '--frobnicate'",
        "'user disable --data /tmp/x', 'NAME'",
        "'user passwd alice --password', '--password'",
        "'', 'command'",
        "'user', 'command'",
        "'backup --data /tmp/x', '--to'",
        "'restore --data /tmp/x', '--from'",
        "'project', 'subcommand'",
        "'project reserve --data /tmp/x --owner alice', 'NAME'",
        "'project reserve my-name --data /tmp/x', '--owner'",
        "'serve --upstream-index both', 'both'",
        "'serve --upstream-ttl often', 'often'",
        "'serve --upstream-cache-size lots', 'lots'",
        "'upstream', 'subcommand'"})
    void usageErrorsExitOneWithOneLineOnStderrAndNoStackTrace(String commandLine, String mentions) {
        Processes.Result result = cheeseshop(commandLine);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).as(result.describe()).isEmpty();
        assertThat(result.stderr().strip()).as(result.describe()).startsWith("error: ").contains(mentions, "--help')")
                .doesNotContain("\n");
        assertNoStackTrace(result);
    }
}
