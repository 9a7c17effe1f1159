package dev.cheeseshop.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.app.ServedJar;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.Publishers;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flit publish} with an API token, as pypi.org tells flit users to ({@code
 * FLIT_USERNAME=__token__}, {@code FLIT_PASSWORD=<token>}), to the packaged jar served as a
 * process: a token from {@code cheeseshop token create} publishes a new project, and what reached
 * the index is exactly what flit built, journaled under the token's user; a token scoped (through
 * {@code POST /api/v1/tokens}) to that project publishes a new release of it, and is refused for
 * another project, of which nothing reaches the index.
 */
class FlitTokenIT {
    private static final String USER = "flitter";
    private static final String PASSWORD = "flitting-password-1";

    @TempDir
    static Path shared;

    private static ServedJar server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        Processes.Result added = Processes.cheeseshop("user", "add", USER, "--password-stdin", "--data", data())
                .withoutEnvPrefix("CHEESESHOP_").stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
        server = ServedJar.start(Processes.cheeseshop("serve", "--data", data(), "--port", "0")
                .withoutEnvPrefix("CHEESESHOP_"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String data() {
        return shared.resolve("data").toString();
    }

    @Test
    void flitPublishesWithATokenAndAScopedTokenOnlyToItsProject() throws Exception {
        Processes.Result created = Processes.cheeseshop("token", "create", USER, "--name", "flit", "--data", data())
                .withoutEnvPrefix("CHEESESHOP_").run();
        assertThat(created.exitCode()).as(created.describe()).isZero();
        List<String> lines = created.stdout().lines().toList();
        assertThat(lines).as(created.describe()).hasSize(2);
        assertThat(lines.get(0)).startsWith("created token ").contains("(all projects)", "for user " + USER);
        String token = lines.get(1);
        assertThat(token).matches("pypi-[A-Za-z0-9_-]{43}");

        // A new project, published with the unscoped token.
        Path a = project("flit_token_a", "flit-token-a", "1.0");
        long before = lastSerial();
        Processes.Result first = flit(a, token);
        assertThat(first.exitCode()).as(first.describe()).isZero();
        List<String> aFiles = assertServesExactly(a, "flit-token-a");
        assertThat(journalSince(before)).containsExactly(
                "flit-token-a|null|create|" + USER,
                "flit-token-a|null|add Owner " + USER + "|" + USER,
                "flit-token-a|1.0|new release|" + USER,
                "flit-token-a|1.0|add " + aFiles.get(0).split("-")[2] + " file " + aFiles.get(0) + "|" + USER,
                "flit-token-a|1.0|add source file " + aFiles.get(1) + "|" + USER);
        assertThat(lastSerial()).isEqualTo(before + 5);

        // A token scoped to flit-token-a, made over the API with the password.
        Http.Response made = Http.send("POST", server.uri("/api/v1/tokens"),
                "{\"name\": \"flit-a\", \"projects\": [\"flit-token-a\"]}".getBytes(StandardCharsets.UTF_8),
                "Authorization", Uploads.basic(USER, PASSWORD), "Content-Type", "application/json");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String scoped = new ObjectMapper().readTree(made.body()).get("token").asText();
        assertThat(scoped).startsWith("pypi-").isNotEqualTo(token);

        // It publishes a new release of flit-token-a...
        Path a2 = project("flit_token_a", "flit-token-a", "2.0");
        long beforeA2 = lastSerial();
        Processes.Result second = flit(a2, scoped);
        assertThat(second.exitCode()).as(second.describe()).isZero();
        List<String> a2Files = built(a2);
        Map<String, String> aLinks = Publishers.simpleLinks(Http.get(server.uri("/simple/flit-token-a/")).text());
        assertThat(aLinks).containsOnlyKeys(aFiles.get(0), aFiles.get(1), a2Files.get(0), a2Files.get(1));
        assertThat(journalSince(beforeA2)).containsExactly(
                "flit-token-a|2.0|new release|" + USER,
                "flit-token-a|2.0|add " + a2Files.get(0).split("-")[2] + " file " + a2Files.get(0) + "|" + USER,
                "flit-token-a|2.0|add source file " + a2Files.get(1) + "|" + USER);

        // ...and is refused for flit-token-b: flit fails, and nothing of flit-token-b reached the index.
        Path b = project("flit_token_b", "flit-token-b", "1.0");
        long beforeB = lastSerial();
        Processes.Result refused = flit(b, scoped);
        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.output()).as(refused.describe()).contains("403")
                .contains("Invalid API Token: token is scoped to project(s) 'flit-token-a'");
        assertThat(built(b)).as("flit built B before it was refused").hasSize(2);
        assertThat(Http.get(server.uri("/simple/flit-token-b/")).status()).isEqualTo(404);
        assertThat(Http.get(server.uri("/pypi/flit-token-b/json")).status()).isEqualTo(404);
        assertThat(Http.get(server.uri("/simple/")).text()).doesNotContain("flit-token-b");
        assertThat(journalSince(beforeB)).isEmpty();
        assertThat(lastSerial()).isEqualTo(beforeB);
        assertThat(journalSince(0)).noneMatch(entry -> entry.startsWith("flit-token-b|"));
    }

    private Processes.Result flit(Path project, String token) throws IOException {
        return Publishers.command(Files.createDirectories(tmp.resolve("home")), project, Publishers.tool("flit"),
                        "publish")
                .env("FLIT_INDEX_URL", server.uri("/legacy/").toString())
                .env("FLIT_USERNAME", "__token__").env("FLIT_PASSWORD", token).run();
    }

    /** A flit project directory for {@code name} at {@code version}. */
    private Path project(String module, String name, String version) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name + "-" + version));
        Files.writeString(dir.resolve("pyproject.toml"), """
                [build-system]
                requires = ["flit_core >=3.2,<4"]
                build-backend = "flit_core.buildapi"

                [project]
                name = "%s"
                version = "%s"
                description = "Published with flit and a token"
                """.formatted(name, version));
        Files.writeString(dir.resolve(module + ".py"), "\"\"\"Published with a token.\"\"\"\n");
        return dir;
    }

    /** The names of the wheel and the sdist flit built, in that order. */
    private static List<String> built(Path project) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(project.resolve("dist"))) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(names).hasSize(2);
        String wheel = names.stream().filter(n -> n.endsWith(".whl")).findFirst().orElseThrow();
        String sdist = names.stream().filter(n -> n.endsWith(".tar.gz")).findFirst().orElseThrow();
        return List.of(wheel, sdist);
    }

    /** The Simple page links exactly what flit built, served byte for byte; answers wheel and sdist names. */
    private static List<String> assertServesExactly(Path project, String name) throws IOException {
        List<String> files = built(project);
        URI pageUri = server.uri("/simple/" + name + "/");
        Http.Response page = Http.get(pageUri);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        Map<String, String> links = Publishers.simpleLinks(page.text());
        assertThat(links).containsOnlyKeys(files);
        for (String file : files) {
            Http.Response download = Http.get(pageUri.resolve(links.get(file)));
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).as(file).isEqualTo(Files.readAllBytes(project.resolve("dist").resolve(file)));
        }
        return files;
    }

    private static long lastSerial() {
        Http.Response index = Http.get(server.uri("/simple/"));
        assertThat(index.status()).isEqualTo(200);
        return Long.parseLong(index.header("X-PyPI-Last-Serial"));
    }

    /**
     * The journal after {@code serial} as {@code name|version|action|submitted_by}, read from the
     * server's database (the XML-RPC changelog does not say who submitted an entry).
     */
    private static List<String> journalSince(long serial) throws SQLException {
        List<String> entries = new ArrayList<>();
        try (Connection db = Backend.selected().forData(shared.resolve("data")).connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT name, version, action, submitted_by FROM journals WHERE id > ? ORDER BY id")) {
            query.setLong(1, serial);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|"
                            + rows.getString(4));
                }
            }
        }
        return entries;
    }

}
