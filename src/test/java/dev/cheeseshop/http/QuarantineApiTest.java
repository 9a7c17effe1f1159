package dev.cheeseshop.http;

import static dev.cheeseshop.testing.IndexState.describe;
import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/projects/<p>[/releases/<v>]/quarantine} over HTTP: an administrator's POST puts
 * in quarantine and DELETE clears, each answering the journal entry it wrote; an Owner or anyone
 * else is refused in the JSON error form and nothing is written. The management API's reads show
 * what is in quarantine to the project's Owners and Maintainers and to administrators, and to no
 * one else.
 */
class QuarantineApiTest {
    private static final String ROOT_PASSWORD = "root-password-333";
    private static final String CAROL_PASSWORD = "carol-password-4444";
    private static final String OWNER = Uploads.basic(ALICE, ALICE_PASSWORD);
    private static final String MAINTAINER = Uploads.basic(BOB, BOB_PASSWORD);
    private static final String STRANGER = Uploads.basic("carol", CAROL_PASSWORD);
    private static final String ADMIN = Uploads.basic("root", ROOT_PASSWORD);

    @TempDir
    static Path tmp;

    private static TestServer server;

    @BeforeAll
    static void start() throws UserProblem {
        server = TestServer.start();
        server.app().accounts().create("carol", null, CAROL_PASSWORD, false);
        server.app().accounts().create("root", null, ROOT_PASSWORD, true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdministratorPutsAProjectAndAReleaseInQuarantineAndClearsThem() throws IOException {
        project("qa-admin", "1.0", "2.0");
        IndexState before = state();

        changed(before, call("POST", "/projects/QA.Admin/quarantine", ADMIN), "qa-admin|null|project quarantined|root");
        assertThat(Http.get(server.uri("/simple/qa-admin/")).status()).isEqualTo(404);
        changed(state(), call("DELETE", "/projects/qa-admin/quarantine", ADMIN),
                "qa-admin|null|project quarantine cleared|root");
        assertThat(Http.get(server.uri("/simple/qa-admin/")).status()).isEqualTo(200);

        changed(state(), call("POST", "/projects/qa-admin/releases/2.0/quarantine", ADMIN),
                "qa-admin|2.0|release quarantined|root");
        assertThat(Http.get(server.uri("/pypi/qa-admin/2.0/json")).status()).isEqualTo(404);
        changed(state(), call("DELETE", "/projects/qa-admin/releases/2.0/quarantine", ADMIN),
                "qa-admin|2.0|release quarantine cleared|root");
        assertThat(Http.get(server.uri("/pypi/qa-admin/2.0/json")).status()).isEqualTo(200);

        IndexState cleared = state();
        assertThat(refused(409, cleared, call("DELETE", "/projects/qa-admin/quarantine", ADMIN)))
                .isEqualTo("Project 'qa-admin' is not quarantined.");
        refused(404, cleared, call("POST", "/projects/no-such/quarantine", ADMIN));
        refused(404, cleared, call("POST", "/projects/qa-admin/releases/9.9/quarantine", ADMIN));
    }

    @Test
    void ownersMaintainersStrangersAndTokensOfOthersAreRefusedAndNothingIsWritten() throws IOException {
        project("qa-refused", "1.0");
        grantMaintainer("qa-refused");
        IndexState before = state();
        for (String caller : List.of(OWNER, MAINTAINER, STRANGER)) {
            for (String path : List.of("/projects/qa-refused/quarantine", "/projects/qa-refused/releases/1.0/quarantine")) {
                assertThat(refused(403, before, call("POST", path, caller))).contains("is not an administrator");
                refused(403, before, call("DELETE", path, caller));
            }
        }
        project("qa-elsewhere", "1.0");
        before = state();
        String token = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"q\", \"projects\": [\"qa-elsewhere\"]}");
        assertThat(refused(403, before, call("POST", "/projects/qa-refused/quarantine", Tokens.bearer(token))))
                .isEqualTo("Invalid API Token: token is scoped to project(s) 'qa-elsewhere' and cannot manage project"
                        + " 'qa-refused'");
        refused(401, before, call("POST", "/projects/qa-refused/quarantine", null));
    }

    @Test
    void whatIsInQuarantineIsShownToItsOwnersMaintainersAndAdministratorsOnly() throws IOException {
        project("qa-shown", "1.0", "2.0");
        project("qa-hidden", "1.0");
        grantMaintainer("qa-shown");
        grantMaintainer("qa-hidden");
        assertThat(call("POST", "/projects/qa-shown/releases/2.0/quarantine", ADMIN).status()).isEqualTo(200);
        assertThat(call("POST", "/projects/qa-hidden/quarantine", ADMIN).status()).isEqualTo(200);

        for (String caller : List.of(OWNER, MAINTAINER, ADMIN)) {
            JsonNode shown = ok(call("GET", "/projects/qa-shown", caller));
            assertThat(shown.get("quarantined").asBoolean()).isFalse();
            assertThat(shown.get("versions").findValuesAsText("version")).containsExactly("1.0", "2.0");
            assertThat(shown.get("versions").get(1).get("quarantined").asBoolean()).isTrue();
            assertThat(ok(call("GET", "/projects/qa-shown/releases/2.0", caller)).get("quarantined").asBoolean())
                    .isTrue();
            JsonNode hidden = ok(call("GET", "/projects/qa-hidden", caller));
            assertThat(hidden.get("quarantined").asBoolean()).isTrue();
            assertThat(ok(call("GET", "/projects/qa-hidden/releases/1.0", caller)).get("files")).hasSize(2);
            assertThat(ok(call("GET", "/projects/qa-hidden/journal", caller)).get("entries").findValuesAsText("action"))
                    .contains("project quarantined");
            assertThat(ok(call("GET", "/projects/qa-hidden/roles", caller)).get("roles")).hasSize(2);
        }

        JsonNode shown = ok(call("GET", "/projects/qa-shown", STRANGER));
        assertThat(shown.get("versions").findValuesAsText("version")).containsExactly("1.0");
        IndexState now = state();
        assertThat(refused(404, now, call("GET", "/projects/qa-shown/releases/2.0", STRANGER)))
                .isEqualTo("Release 2.0 of 'qa-shown' does not exist.");
        for (String path : List.of("/projects/qa-hidden", "/projects/qa-hidden/releases/1.0",
                "/projects/qa-hidden/journal", "/projects/qa-hidden/roles")) {
            assertThat(refused(404, now, call("GET", path, STRANGER))).as(path)
                    .isEqualTo("Project 'qa-hidden' does not exist.");
        }
    }

    /** Uploads a wheel and an sdist of each version as alice (its Owner). */
    private static void project(String name, String... versions) throws IOException {
        for (String version : versions) {
            Path dir = Files.createDirectories(tmp.resolve(name + "-" + version));
            Path wheel = TestArchives.wheel(name, version).writeTo(dir);
            Path sdist = TestArchives.sdist(name, version).writeTo(dir);
            assertThat(Uploads.wheel(wheel, name, version).to(server).status()).isEqualTo(200);
            assertThat(Uploads.sdist(sdist, name, version).to(server).status()).isEqualTo(200);
        }
    }

    /** Makes bob the project's Maintainer through the API, as its Owner. */
    private static void grantMaintainer(String project) {
        Http.Response response = Http.send("PUT", server.uri("/api/v1/projects/" + project + "/roles/bob"),
                "{\"role\": \"Maintainer\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", OWNER, "Content-Type", "application/json");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    private static Http.Response call(String method, String path, String authorization) {
        List<String> headers = new ArrayList<>();
        if (authorization != null) {
            headers.addAll(List.of("Authorization", authorization));
        }
        return Http.send(method, server.uri("/api/v1" + path), null, headers.toArray(String[]::new));
    }

    private static IndexState state() {
        return IndexState.of(server);
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return Tokens.json(response);
    }

    /** A successful change: 200, the one journal entry written, and the answer naming it. */
    private static void changed(IndexState before, Http.Response response, String entry) {
        JsonNode json = ok(response);
        List<JournalEntry> written = state().journalSince(before);
        assertThat(describe(written)).containsExactly(entry);
        assertThat(json.get("action").asText()).isEqualTo(written.get(0).action());
        assertThat(json.get("submitted_by").asText()).isEqualTo("root");
        assertThat(json.get("serial").asLong()).isEqualTo(written.get(0).serial().value());
    }

    /** A refusal: the status in the JSON error form, and nothing written at all. */
    private static String refused(int status, IndexState before, Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonNode error = Tokens.json(response).get("errors").get(0);
        assertThat(error.get("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(state()).isEqualTo(before);
        return error.get("detail").asText();
    }
}
