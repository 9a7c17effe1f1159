package dev.cheeseshop.http;

import static dev.cheeseshop.testing.IndexState.describe;
import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.RoleName;
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
 * {@code /api/v1/projects/...} over HTTP: each call journals what the use case does under the
 * caller and answers the entry; a stranger, a Maintainer or a token scoped elsewhere is refused in
 * the JSON error form and nothing is written. The use cases' own rules are in {@code manage/*Test}.
 */
class ProjectApiTest {
    private static final String OWNER = Uploads.basic(ALICE, ALICE_PASSWORD);
    private static final String OTHER = Uploads.basic(BOB, BOB_PASSWORD);

    @TempDir
    static Path tmp;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Uploads a wheel and an sdist of each version as alice (its Owner); answers their filenames. */
    private static List<String> project(String name, String... versions) throws IOException {
        List<String> filenames = new ArrayList<>();
        for (String version : versions) {
            Path dir = Files.createDirectories(tmp.resolve(name + "-" + version));
            Path wheel = TestArchives.wheel(name, version).writeTo(dir);
            Path sdist = TestArchives.sdist(name, version).writeTo(dir);
            assertThat(Uploads.wheel(wheel, name, version).to(server).status()).isEqualTo(200);
            assertThat(Uploads.sdist(sdist, name, version).to(server).status()).isEqualTo(200);
            filenames.add(wheel.getFileName().toString());
            filenames.add(sdist.getFileName().toString());
        }
        return filenames;
    }

    private static Http.Response call(String method, String path, String authorization, String json) {
        List<String> headers = new ArrayList<>(List.of("Authorization", authorization));
        if (json != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        return Http.send(method, server.uri("/api/v1" + path),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
    }

    private static IndexState state() {
        return IndexState.of(server);
    }

    /** A successful call: the status, the one journal entry written, and the answer naming it. */
    private static JsonNode changed(Http.Response response, int status, IndexState before, String entry) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        IndexState after = state();
        List<JournalEntry> written = after.journalSince(before);
        assertThat(describe(written)).containsExactly(entry);
        JsonNode json = Tokens.json(response);
        JournalEntry one = written.get(0);
        assertThat(json.get("project").asText()).isEqualTo(one.name());
        assertThat(json.get("version").isNull() ? null : json.get("version").asText()).isEqualTo(one.version());
        assertThat(json.get("action").asText()).isEqualTo(one.action());
        assertThat(json.get("submitted_by").asText()).isEqualTo(one.submittedBy());
        assertThat(json.get("serial").asLong()).isEqualTo(one.serial().value());
        return json;
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

    @Test
    void anOwnerYanksWithAReasonAndUnyanks() throws IOException {
        project("pa-yank", "1.0");
        IndexState before = state();

        changed(call("POST", "/projects/PA_Yank/releases/1.0/yank", OWNER, "{\"reason\": \"broken\"}"), 200, before,
                "pa-yank|1.0|yank release|alice");
        assertThat(state().releases()).contains("pa-yank 1.0 yanked: broken");
        refused(409, state(), call("POST", "/projects/pa-yank/releases/1.0/yank", OWNER, "{}"));

        IndexState yanked = state();
        changed(call("POST", "/projects/pa-yank/releases/1.0/unyank", OWNER, "{}"), 200, yanked,
                "pa-yank|1.0|unyank release|alice");
        assertThat(state().releases()).contains("pa-yank 1.0");
        refused(400, state(), call("POST", "/projects/pa-yank/releases/1.0/yank", OWNER, "{\"reason\": 5}"));
    }

    @Test
    void strangersMaintainersAndUnknownThingsAreRefusedAndNothingIsWritten() throws IOException {
        List<String> files = project("pa-refuse", "1.0");
        IndexState before = state();
        String[][] calls = {
            {"POST", "/projects/pa-refuse/releases/1.0/yank", "{}"},
            {"POST", "/projects/pa-refuse/releases/1.0/unyank", "{}"},
            {"PUT", "/projects/pa-refuse/roles/bob", "{\"role\": \"Owner\"}"},
            {"DELETE", "/projects/pa-refuse/roles/alice", null},
            {"DELETE", "/projects/pa-refuse/releases/1.0/files/" + files.get(0), null},
            {"DELETE", "/projects/pa-refuse/releases/1.0", null},
            {"DELETE", "/projects/pa-refuse", null},
        };
        for (String[] c : calls) {
            assertThat(refused(403, before, call(c[0], c[1], OTHER, c[2])))
                    .isEqualTo("User 'bob' has no role on project 'pa-refuse'.");
        }
        grant("pa-refuse", BOB, RoleName.Maintainer);
        IndexState maintained = state();
        for (String[] c : calls) {
            assertThat(refused(403, maintained, call(c[0], c[1], OTHER, c[2]))).contains("only an Owner may manage it");
        }

        assertThat(refused(404, maintained, call("POST", "/projects/no-such/releases/1.0/yank", OWNER, "{}")))
                .isEqualTo("Project 'no-such' does not exist.");
        refused(404, maintained, call("DELETE", "/projects/no-such", OWNER, null));
        refused(404, maintained, call("POST", "/projects/pa-refuse/releases/9.9/yank", OWNER, "{}"));
        refused(404, maintained, call("DELETE", "/projects/pa-refuse/releases/1.0/files/nope-1.0.tar.gz", OWNER, null));
        refused(404, maintained, call("PUT", "/projects/pa-refuse/roles/nobody", OWNER, "{\"role\": \"Owner\"}"));
        refused(405, maintained, call("GET", "/projects/pa-refuse/releases/1.0/yank", OWNER, null));
    }

    @Test
    void rolesAreAddedChangedAndRemovedAndTheLastOwnerStays() throws IOException {
        project("pa-roles", "1.0");
        IndexState before = state();

        JsonNode added = changed(call("PUT", "/projects/pa-roles/roles/BOB", OWNER, "{\"role\": \"Maintainer\"}"), 201,
                before, "pa-roles|null|add Maintainer bob|alice");
        assertThat(added.get("role").asText()).isEqualTo("Maintainer");
        IndexState maintainer = state();
        Http.Response same = call("PUT", "/projects/pa-roles/roles/bob", OWNER, "{\"role\": \"Maintainer\"}");
        assertThat(same.status()).as(same.text()).isEqualTo(200);
        assertThat(Tokens.json(same).get("action").isNull()).isTrue();
        assertThat(state()).isEqualTo(maintainer);

        Http.Response listed = call("GET", "/projects/PA.Roles/roles", OTHER, null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).isEqualTo("{\"project\":\"pa-roles\",\"roles\":["
                + "{\"user\":\"alice\",\"role\":\"Owner\"},{\"user\":\"bob\",\"role\":\"Maintainer\"}]}");
        refused(404, maintainer, call("GET", "/projects/no-such/roles", OWNER, null));

        assertThat(refused(400, maintainer, call("PUT", "/projects/pa-roles/roles/bob", OWNER, "{\"role\": \"Admin\"}")))
                .isEqualTo("Unknown role 'Admin': a role is Owner or Maintainer.");
        assertThat(refused(400, maintainer, call("PUT", "/projects/pa-roles/roles/bob", OWNER, "{}"))).startsWith("role:");
        assertThat(refused(400, maintainer, call("PUT", "/projects/pa-roles/roles/bob", OWNER, null))).startsWith("role:");

        changed(call("PUT", "/projects/pa-roles/roles/bob", OWNER, "{\"role\": \"Owner\"}"), 200, maintainer,
                "pa-roles|null|change Maintainer bob to Owner|alice");
        IndexState owners = state();
        changed(call("DELETE", "/projects/pa-roles/roles/bob", OWNER, null), 200, owners,
                "pa-roles|null|remove Owner bob|alice");
        assertThat(refused(409, state(), call("DELETE", "/projects/pa-roles/roles/alice", OWNER, null)))
                .contains("last Owner");
    }

    @Test
    void anOwnerRemovesAFileAReleaseAndTheProject() throws IOException {
        List<String> files = project("pa-remove", "1.0", "1.1");
        IndexState before = state();

        changed(call("DELETE", "/projects/pa-remove/releases/1.0/files/" + files.get(0), OWNER, null), 200, before,
                "pa-remove|1.0|remove file " + files.get(0) + "|alice");
        assertThat(state().files()).extracting(f -> f.filename()).doesNotContain(files.get(0));
        IndexState fileGone = state();
        changed(call("DELETE", "/projects/pa-remove/releases/1.1", OWNER, null), 200, fileGone,
                "pa-remove|1.1|remove release|alice");
        IndexState releaseGone = state();
        changed(call("DELETE", "/projects/Pa.Remove", OWNER, null), 200, releaseGone,
                "pa-remove|null|remove project|alice");
        assertThat(Http.get(server.uri("/simple/pa-remove/")).status()).isEqualTo(404);
        assertThat(state().projects()).noneMatch(p -> p.startsWith("pa-remove "));
    }

    @Test
    void aScopedTokenManagesOnlyTheProjectsInItsScope() throws IOException {
        project("pa-scope-in", "1.0");
        project("pa-scope-out", "1.0");
        String token = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"s\", \"projects\": [\"pa-scope-in\"]}");
        IndexState before = state();

        assertThat(refused(403, before, call("POST", "/projects/pa-scope-out/releases/1.0/yank", Tokens.bearer(token),
                "{}"))).isEqualTo("Invalid API Token: token is scoped to project(s) 'pa-scope-in' and cannot manage "
                        + "project 'pa-scope-out'");
        refused(403, before, call("DELETE", "/projects/pa-scope-out", Uploads.basic("__token__", token), null));
        refused(403, before, call("PUT", "/projects/pa-scope-out/roles/bob", Tokens.bearer(token),
                "{\"role\": \"Owner\"}"));

        changed(call("POST", "/projects/pa-scope-in/releases/1.0/yank", Tokens.bearer(token), "{}"), 200, before,
                "pa-scope-in|1.0|yank release|alice");
    }

    private static void grant(String project, String username, RoleName role) {
        server.app().store().write(tx -> {
            long id = tx.projects().find(ProjectName.normalize(project)).orElseThrow().id();
            tx.roles().insert(id, tx.users().find(username).orElseThrow().id(), role);
            return null;
        });
    }
}
