package dev.cheeseshop.clients;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.dist.WheelBuilder;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.PythonClients;
import dev.cheeseshop.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pip 23.2, the real one, installing from a real server and from nothing else: no configuration,
 * no cache, no {@code PIP_*} variables (this machine sets {@code PIP_FIND_LINKS}), only
 * {@code --index-url}.
 *
 * <p>The index holds pip-base 1.0, 1.1 and 2.0 (2.0 requires Python &lt;3), pip-app 2.0 which
 * requires pip-base&gt;=1.0, and pip-fetch 1.0.
 */
class PipInstallTest {
    private static TestServer server;
    private static Path fetchWheel;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        List<Path> wheels = new ArrayList<>();
        wheels.add(wheel("Pip.Base", "1.0", null, null).writeTo(dir("base-1.0")));
        wheels.add(wheel("Pip.Base", "1.1", null, null).writeTo(dir("base-1.1")));
        wheels.add(wheel("Pip.Base", "2.0", "<3", null).writeTo(dir("base-2.0")));
        wheels.add(wheel("pip-app", "2.0", ">=3.7", "pip-base>=1.0").writeTo(dir("app")));
        fetchWheel = wheel("pip-fetch", "1.0", null, null).file("pip_fetch/data.txt", "payload\n").writeTo(dir("fetch"));
        wheels.add(fetchWheel);
        Processes.Result upload = PythonClients.twineUpload(server.url() + "/legacy/", ALICE, ALICE_PASSWORD,
                wheels.toArray(Path[]::new));
        assertThat(upload.exitCode()).as(upload.describe()).isZero();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path dir(String name) throws IOException {
        return Files.createDirectories(shared.resolve(name));
    }

    /** A wheel whose module records its version, with optional Requires-Python and Requires-Dist. */
    private static WheelBuilder wheel(String name, String version, String requiresPython, String requiresDist) {
        String module = TestArchives.escaped(name);
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
                + "\nSummary: pip test package\n");
        if (requiresPython != null) {
            metadata.append("Requires-Python: ").append(requiresPython).append('\n');
        }
        if (requiresDist != null) {
            metadata.append("Requires-Dist: ").append(requiresDist).append('\n');
        }
        return TestArchives.wheel(name, version).metadata(metadata.append('\n').toString())
                .file(module + "/__init__.py", "VERSION = '" + version + "'\n");
    }

    private static Processes.Result pip(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--index-url", server.url() + "/simple/"));
        return PythonClients.pip(command.toArray(String[]::new)).run();
    }

    /** Imports the modules from {@code target} and prints their VERSIONs, space-separated. */
    private static String versionsIn(Path target, String... modules) {
        String script = "import importlib, sys\n"
                + "print(' '.join(importlib.import_module(m).VERSION for m in sys.argv[1:]))\n";
        Processes.Result run = PythonClients.pythonScript(script, modules).env("PYTHONPATH", target.toString()).run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.stdout().strip();
    }

    @Test
    void downloadFetchesTheExactWheelBytes() throws IOException {
        Path out = tmp.resolve("downloads");

        Processes.Result result = pip("download", "--no-deps", "--only-binary", ":all:", "-d", out.toString(),
                "pip-fetch==1.0");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Path got = out.resolve(fetchWheel.getFileName());
        assertThat(got).as(result.describe()).exists();
        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(fetchWheel));
    }

    @Test
    void installResolvesADependencyFromTheIndexAndTheModulesImport() {
        Path target = tmp.resolve("site");

        Processes.Result result = pip("install", "--only-binary", ":all:", "--target", target.toString(), "pip-app");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(versionsIn(target, "pip_app", "pip_base")).isEqualTo("2.0 1.1");
    }

    @Test
    void installPicksTheNewestVersionWhoseRequiresPythonFits() {
        Path target = tmp.resolve("site");

        Processes.Result result = pip("install", "--only-binary", ":all:", "--target", target.toString(), "pip-base");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).doesNotContain("pip_base-2.0-py3-none-any.whl")
                .contains("pip_base-1.1-py3-none-any.whl");
        assertThat(versionsIn(target, "pip_base")).isEqualTo("1.1");
    }

    @Test
    void askingForTheVersionThatNeedsPython2FailsNamingRequiresPython() {
        Path target = tmp.resolve("site");

        Processes.Result result = pip("install", "--only-binary", ":all:", "--target", target.toString(),
                "pip-base==2.0");

        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.output()).as(result.describe())
                .contains("require a different python version: 2.0 Requires-Python <3");
    }

    /**
     * pip 23.2 logs "Obtaining dependency information for REQ from URL.metadata" at the default
     * verbosity when it takes a wheel's metadata from the PEP 658 file instead of the wheel.
     */
    @Test
    void pipReadsDependenciesFromThePep658MetadataFiles() {
        Path target = tmp.resolve("site");

        Processes.Result result = pip("install", "--only-binary", ":all:", "--target", target.toString(), "pip-app");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe())
                .containsPattern("Obtaining dependency information for pip-app from http://127\\.0\\.0\\.1:\\d+/"
                        + "\\S+/pip_app-2\\.0-py3-none-any\\.whl\\.metadata")
                .containsPattern("Obtaining dependency information for pip-base>=1\\.0 from http://127\\.0\\.0\\.1:\\d+/"
                        + "\\S+/pip_base-1\\.1-py3-none-any\\.whl\\.metadata");
    }
}
