package dev.cheeseshop.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.app.ServedJar;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.Publishers;
import dev.cheeseshop.testing.PythonClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flit, poetry and pdm, the real ones Debian ships, each publishing a small project exactly as its
 * manual says, to the packaged jar served as a process; then pip installs the project from the
 * index and imports it. What reached the index is read back as a client would: the Simple page
 * links exactly the wheel and the sdist the tool built, byte for byte, and the journal (through
 * Python's xmlrpc.client) holds exactly a first upload's entries. The tools run from a private
 * HOME ({@link Publishers}), offline, with the build backends Debian installs beside them.
 */
class PublishersIT {
    private static final String USER = "publisher";
    private static final String PASSWORD = "publishing-password-1";
    private static final String CHANGELOG = String.join("\n",
            "import json, sys, xmlrpc.client",
            "print(json.dumps(xmlrpc.client.ServerProxy(sys.argv[1]).changelog_since_serial(int(sys.argv[2]))))");
    private static final String IMPORT = "import importlib, sys; sys.path.insert(0, sys.argv[1]); "
            + "print(importlib.import_module(sys.argv[2]).PUBLISHED_BY)";

    @TempDir
    static Path shared;

    private static ServedJar server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        String data = shared.resolve("data").toString();
        Processes.Result added = Processes.cheeseshop("user", "add", USER, "--password-stdin", "--data", data)
                .stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
        server = ServedJar.start(Processes.cheeseshop("serve", "--data", data, "--port", "0"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void flitPublishesWithTheIndexGivenInItsEnvironment() throws IOException {
        Path project = project("flit_demo", "flit", """
                [build-system]
                requires = ["flit_core >=3.2,<4"]
                build-backend = "flit_core.buildapi"

                [project]
                name = "flit-demo"
                version = "1.0"
                description = "Published with flit publish"
                """);
        long before = lastSerial();

        succeeds(Publishers.command(home(), project, Publishers.tool("flit"), "publish")
                .env("FLIT_INDEX_URL", legacy()).env("FLIT_USERNAME", USER).env("FLIT_PASSWORD", PASSWORD));

        assertPublished(project, "flit-demo", before);
        assertInstallsAndImports("flit-demo", "flit_demo", "flit");
    }

    @Test
    void poetryBuildsThenPublishesToAConfiguredRepository() throws IOException {
        Path project = project("poetry_demo", "poetry", """
                [tool.poetry]
                name = "poetry-demo"
                version = "1.0"
                description = "Published with poetry publish"
                authors = ["Publisher <publisher@example.org>"]

                [tool.poetry.dependencies]
                python = ">=3.7"

                [build-system]
                requires = ["poetry-core>=1.0"]
                build-backend = "poetry.core.masonry.api"
                """);
        Path config = tmp.resolve("poetry-config");
        long before = lastSerial();

        succeeds(poetry(project, config, "build"));
        succeeds(poetry(project, config, "config", "repositories.cheeseshop", legacy()));
        succeeds(poetry(project, config, "publish", "-r", "cheeseshop", "-u", USER, "-p", PASSWORD));

        assertThat(config.resolve("config.toml")).as("poetry kept its configuration where it was told")
                .content().contains(legacy());
        assertPublished(project, "poetry-demo", before);
        assertInstallsAndImports("poetry-demo", "poetry_demo", "poetry");
    }

    @Test
    void pdmPublishesWhatBuildBuilt() throws IOException {
        Path project = project("pdm_demo", "pdm", """
                [project]
                name = "pdm-demo"
                version = "1.0"
                description = "Published with pdm publish"
                requires-python = ">=3.7"

                [build-system]
                requires = ["pdm-pep517>=1.0"]
                build-backend = "pdm.pep517.api"
                """);
        succeeds(Publishers.command(home(), project, Publishers.python(), "-m", "build", "--no-isolation"));
        long before = lastSerial();

        // pdm 2.2 asks pypi.org for a newer pdm after every command unless check_update is off;
        // offline that check fails the command after the upload, so the index is the judge.
        Processes.Result publish = Publishers.command(home(), project, Publishers.tool("pdm"), "publish",
                "--no-build", "-r", legacy(), "-u", USER, "-P", PASSWORD)
                .env("PDM_CHECK_UPDATE", "false").env("PDM_USE_VENV", "false")
                .env("PDM_PYTHON", Publishers.python()).run();

        assertPublished(project, "pdm-demo", before);
        assertThat(publish.exitCode()).as(publish.describe()).isZero();
        assertInstallsAndImports("pdm-demo", "pdm_demo", "pdm");
    }

    /** A project directory holding {@code pyproject} and a module that says who published it. */
    private Path project(String module, String publishedBy, String pyproject) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("pyproject.toml"), pyproject);
        Files.writeString(dir.resolve(module + ".py"),
                "\"\"\"Published by " + publishedBy + ".\"\"\"\nPUBLISHED_BY = \"" + publishedBy + "\"\n");
        return dir;
    }

    private Path home() throws IOException {
        return Files.createDirectories(tmp.resolve("home"));
    }

    private Processes.Command poetry(Path project, Path config, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Publishers.tool("poetry"), "--no-interaction"));
        command.addAll(List.of(args));
        return Publishers.command(home(), project, command.toArray(String[]::new))
                .env("POETRY_CONFIG_DIR", config.toString())
                .env("POETRY_CACHE_DIR", tmp.resolve("poetry-cache").toString())
                .env("POETRY_HOME", tmp.resolve("poetry-data").toString())
                .env("POETRY_VIRTUALENVS_CREATE", "false");
    }

    private static void succeeds(Processes.Command command) {
        Processes.Result result = command.run();
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    private static String legacy() {
        return server.uri("/legacy/").toString();
    }

    private static long lastSerial() {
        Http.Response index = Http.get(server.uri("/simple/"));
        assertThat(index.status()).isEqualTo(200);
        return Long.parseLong(index.header("X-PyPI-Last-Serial"));
    }

    /**
     * The index holds exactly the two files in {@code dist/}, served byte for byte, and the
     * journal moved by exactly a first upload of them.
     */
    private static void assertPublished(Path project, String name, long before) throws IOException {
        List<Path> built;
        try (Stream<Path> files = Files.list(project.resolve("dist"))) {
            built = files.sorted().toList();
        }
        Path wheel = built.stream().filter(f -> f.toString().endsWith(".whl")).findFirst().orElseThrow();
        Path sdist = built.stream().filter(f -> f.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        assertThat(built).as("what the tool built").containsExactlyInAnyOrder(wheel, sdist);

        URI pageUri = server.uri("/simple/" + name + "/");
        Http.Response page = Http.get(pageUri);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        Map<String, String> links = Publishers.simpleLinks(page.text());
        assertThat(links).containsOnlyKeys(name(wheel), name(sdist));
        for (Path file : built) {
            Http.Response download = Http.get(pageUri.resolve(links.get(name(file))));
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).as(name(file)).isEqualTo(Files.readAllBytes(file));
        }

        List<String> journal = changelogSince(before);
        String pyversion = name(wheel).split("-")[2];
        assertThat(journal).as("the journal since serial " + before).hasSize(5);
        assertThat(journal.subList(0, 3)).containsExactly(
                name + " null create", name + " null add Owner " + USER, name + " 1.0 new release");
        assertThat(journal.subList(3, 5)).containsExactlyInAnyOrder(
                name + " 1.0 add " + pyversion + " file " + name(wheel),
                name + " 1.0 add source file " + name(sdist));
        assertThat(lastSerial()).isEqualTo(before + 5);
    }

    /** {@code pip install NAME} from the index alone, into a directory; the module imports from there. */
    private void assertInstallsAndImports(String name, String module, String publishedBy) {
        Path target = tmp.resolve("installed");
        Processes.Result pip = PythonClients.pip("install", "--index-url", server.uri("/simple/").toString(),
                "--target", target.toString(), name).run();
        assertThat(pip.exitCode()).as(pip.describe()).isZero();
        assertThat(pip.stdout()).as(pip.describe()).contains("Successfully installed " + name + "-1.0");
        assertThat(target.resolve(module + ".py")).exists();
        assertThat(target.resolve(module + "-1.0.dist-info").resolve("METADATA")).content()
                .contains("Name: " + name, "Version: 1.0");

        Processes.Result imported = PythonClients.pythonScript(IMPORT, target.toString(), module).run();
        assertThat(imported.exitCode()).as(imported.describe()).isZero();
        assertThat(imported.stdout().strip()).isEqualTo(publishedBy);
    }

    private static List<String> changelogSince(long serial) throws IOException {
        Processes.Result run = PythonClients.pythonScript(CHANGELOG, server.uri("/pypi").toString(),
                Long.toString(serial)).run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper().readTree(run.stdout())) {
            entries.add(entry.get(0).asText() + " " + entry.get(1).asText() + " " + entry.get(3).asText());
        }
        return entries;
    }


    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
