package dev.cheeseshop.http;

import static dev.cheeseshop.testing.IndexState.describe;
import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.testing.ApiCalls;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/projects} over HTTP: an administrator reserves a name and gets the new
 * project as {@code GET /api/v1/projects/<name>} shows it (201); anyone else, a scoped token, a
 * bad name, a name taken and an unknown owner are refused in the API's JSON error form, and
 * nothing is written. The owner then uploads with a token scoped to the reserved project.
 */
class ReservationApiTest {
    private static final String ROOT_PASSWORD = "root-password-333";
    private static final String ADMIN = Uploads.basic("root", ROOT_PASSWORD);
    private static final String OWNER = Uploads.basic(ALICE, ALICE_PASSWORD);

    @TempDir
    static Path tmp;

    private static TestServer server;

    @BeforeAll
    static void start() throws UserProblem {
        server = TestServer.start();
        server.app().accounts().create("root", null, ROOT_PASSWORD, true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdministratorReservesANameAndGetsTheProjectAsItsReadShowsIt() throws IOException {
        IndexState before = state();

        Http.Response response = call("POST", "/projects", ADMIN, "{\"name\": \"Api.Reserved\", \"owner\": \"alice\"}");

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        List<JournalEntry> written = state().journalSince(before);
        assertThat(describe(written)).containsExactly("Api.Reserved|null|create|root",
                "Api.Reserved|null|add Owner alice|root");
        long serial = written.get(1).serial().value();
        String expected = "{\"name\":\"Api.Reserved\",\"normalized_name\":\"api-reserved\",\"last_serial\":" + serial
                + ",\"quarantined\":false,\"roles\":[{\"user\":\"alice\",\"role\":\"Owner\"}],\"versions\":[]}";
        assertThat(Tokens.json(response).toString()).isEqualTo(expected);
        Http.Response read = call("GET", "/projects/api-reserved", OWNER, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(Tokens.json(read).toString()).isEqualTo(expected);
        JsonNode journal = Tokens.json(call("GET", "/projects/api-reserved/journal", OWNER, null));
        assertThat(journal.get("entries").findValuesAsText("action")).containsExactly("create", "add Owner alice");
        assertThat(journal.get("entries").findValuesAsText("submitted_by")).containsExactly("root", "root");

        // The Owner makes a token for the reserved project (it has a role there) and publishes with it.
        String token = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"ci\", \"projects\": [\"api-reserved\"]}");
        Path wheel = TestArchives.wheel("Api.Reserved", "1.0").writeTo(Files.createDirectories(tmp.resolve("w")));
        Http.Response upload = Uploads.wheel(wheel, "Api.Reserved", "1.0")
                .authorization(Uploads.basic("__token__", token)).to(server);
        assertThat(upload.status()).as(upload.reason()).isEqualTo(200);
        assertThat(Http.get(server.uri("/pypi/api-reserved/json")).status()).isEqualTo(200);
    }

    @Test
    void withoutAnOwnerTheAdministratorOwnsIt() {
        Http.Response response = call("POST", "/projects", ADMIN, "{\"name\": \"roots-name\"}");

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(Tokens.json(response).get("roles").toString()).isEqualTo("[{\"user\":\"root\",\"role\":\"Owner\"}]");
    }

    @Test
    void refusalsAreInTheApisErrorFormAndWriteNothing() throws IOException {
        assertThat(call("POST", "/projects", ADMIN, "{\"name\": \"Taken-Here\", \"owner\": \"bob\"}").status())
                .isEqualTo(201);
        IndexState before = state();

        assertThat(refused(403, before, call("POST", "/projects", OWNER, "{\"name\": \"mine\"}")))
                .isEqualTo("User 'alice' is not an administrator: only an administrator may reserve a project name.");
        assertThat(refused(400, before, call("POST", "/projects", ADMIN, "{\"owner\": \"alice\"}")))
                .isEqualTo("name: required");
        assertThat(refused(400, before, call("POST", "/projects", ADMIN, "{\"name\": 5}")))
                .isEqualTo("name: must be a string");
        assertThat(refused(400, before, call("POST", "/projects", ADMIN, "{\"name\": \"x\", \"owner\": [\"bob\"]}")))
                .isEqualTo("owner: must be a string");
        assertThat(refused(400, before, call("POST", "/projects", ADMIN, "{\"name\": \"bad name\"}")))
                .isEqualTo("'bad name' is an invalid value for Name. Error: Start and end with a letter or numeral "
                        + "containing only ASCII numeric and '.', '_' and '-'. See "
                        + "https://packaging.python.org/specifications/core-metadata for more information.");
        assertThat(refused(409, before, call("POST", "/projects", ADMIN, "{\"name\": \"taken.here\"}")))
                .isEqualTo("The name 'taken.here' conflicts with the existing project 'Taken-Here'.");
        assertThat(refused(404, before, call("POST", "/projects", ADMIN, "{\"name\": \"free\", \"owner\": \"nobody\"}")))
                .isEqualTo("User 'nobody' does not exist.");
        refused(401, before, call("POST", "/projects", null, null));
        refused(415, before, Http.send("POST", server.uri("/api/v1/projects"),
                "name=x".getBytes(StandardCharsets.UTF_8), "Authorization", ADMIN,
                "Content-Type", "application/x-www-form-urlencoded"));
        Http.Response listing = call("GET", "/projects", ADMIN, null);
        refused(405, before, listing);
        assertThat(listing.header("Allow")).contains("POST");

        // A token scoped to projects never creates one, even an administrator's.
        assertThat(call("POST", "/projects", ADMIN, "{\"name\": \"roots-scope\"}").status()).isEqualTo(201);
        String scoped = Tokens.secret(server, "root", ROOT_PASSWORD, "{\"name\": \"s\", \"projects\": [\"roots-scope\"]}");
        before = state();
        assertThat(refused(403, before, call("POST", "/projects", Tokens.bearer(scoped), "{\"name\": \"new-one\"}")))
                .isEqualTo("Invalid API Token: token is scoped to project(s) 'roots-scope' and cannot create the new "
                        + "project 'new-one'");
    }

    private static Http.Response call(String method, String path, String authorization, String json) {
        return ApiCalls.call(server, method, path, authorization, json);
    }

    private static IndexState state() {
        return IndexState.of(server);
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
