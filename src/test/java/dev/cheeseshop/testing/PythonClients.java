package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Python clients, run as subprocesses that can see nothing but the server under test:
 * pip without configuration, cache or {@code PIP_*} variables, twine without {@code TWINE_*}
 * variables and non-interactive, and proxies bypassed for the loopback address. A missing tool
 * fails the test with how to install it; it is never skipped.
 */
public final class PythonClients {
    private static final String INSTALL = "install them with: apt-get install twine python3-pip";

    private PythonClients() {}

    /** {@code python3}, failing the test when it is not installed. */
    public static String python() {
        return Processes.which("python3").map(Path::toString)
                .orElseGet(() -> fail("python3 is not on the PATH; " + INSTALL));
    }

    /** {@code twine}, failing the test when it is not installed. */
    public static String twine() {
        return Processes.which("twine").map(Path::toString)
                .orElseGet(() -> fail("twine is not on the PATH; " + INSTALL));
    }

    /** {@code python3 -c script args...}. */
    public static Processes.Command pythonScript(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(python(), "-c", script));
        command.addAll(List.of(args));
        return Processes.command(command).withoutEnvPrefix("PYTHON").timeout(Duration.ofMinutes(1));
    }

    /** {@code python3 -m pip --isolated --disable-pip-version-check --no-cache-dir args...}. */
    public static Processes.Command pip(String... args) {
        String python = python();
        Processes.Result version = Processes.command(python, "-m", "pip", "--version")
                .withoutEnvPrefix("PIP_").withoutEnvPrefix("PYTHON").run();
        if (version.exitCode() != 0) {
            fail("pip is not installed for " + python + "; " + INSTALL + "\n" + version.describe());
        }
        List<String> command = new ArrayList<>(List.of(python, "-m", "pip", "--isolated",
                "--disable-pip-version-check", "--no-cache-dir"));
        command.addAll(List.of(args));
        return Processes.command(command).withoutEnvPrefix("PIP_").withoutEnvPrefix("PYTHON")
                .env("PIP_CONFIG_FILE", "/dev/null").timeout(Duration.ofMinutes(3));
    }

    /** {@code twine --no-color upload --non-interactive --repository-url URL -u USER -p PASSWORD [extra...] files...}. */
    public static Processes.Result twineUpload(String repositoryUrl, String user, String password,
            List<String> extra, Path... files) {
        List<String> command = new ArrayList<>(List.of(twine(), "--no-color", "upload", "--non-interactive",
                "--disable-progress-bar", "--repository-url", repositoryUrl, "-u", user, "-p", password));
        command.addAll(extra);
        for (Path file : files) {
            command.add(file.toString());
        }
        return Processes.command(command).withoutEnvPrefix("TWINE_").withoutEnvPrefix("PYTHON")
                .env("COLUMNS", "400").timeout(Duration.ofMinutes(2)).run();
    }

    /** The same with no extra options. */
    public static Processes.Result twineUpload(String repositoryUrl, String user, String password, Path... files) {
        return twineUpload(repositoryUrl, user, password, List.of(), files);
    }
}
