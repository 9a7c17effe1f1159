package dev.cheeseshop.http;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/tokens} over HTTP, and the API's errors, every one in its JSON form. */
class TokenApiTest {
    private static final Instant NOW = Instant.parse("2026-07-08T09:10:11Z");
    private static final String ROOT = "root";
    private static final String ROOT_PASSWORD = "root-password-333";

    @TempDir
    static Path tmp;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(UnaryOperator.identity(), new MutableClock(NOW));
        server.app().accounts().create(ROOT, null, ROOT_PASSWORD, true);
        Path wheel = TestArchives.wheel("api-demo", "1.0").writeTo(Files.createDirectories(tmp.resolve("w")));
        assertThat(Uploads.wheel(wheel, "api-demo", "1.0").to(server).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response call(String method, String path, String authorization, String json,
            String contentType) {
        List<String> headers = new ArrayList<>();
        if (authorization != null) {
            headers.addAll(List.of("Authorization", authorization));
        }
        if (contentType != null) {
            headers.addAll(List.of("Content-Type", contentType));
        }
        return Http.send(method, server.uri("/api/v1" + path), json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                headers.toArray(String[]::new));
    }

    private static Http.Response asAlice(String method, String path, String json) {
        return call(method, path, Uploads.basic(ALICE, ALICE_PASSWORD), json, json == null ? null : "application/json");
    }

    /** The one error form: {"errors": [{"status": "<status>", "detail": "..."}]}, as JSON. */
    private static String assertError(Http.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonNode json = Tokens.json(response);
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get("errors").size()).isEqualTo(1);
        JsonNode error = json.get("errors").get(0);
        assertThat(error.get("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(error.get("detail").isTextual()).isTrue();
        return error.get("detail").asText();
    }

    @Test
    void createAnswers201WithTheSecretOnceAndListNeverShowsIt() {
        Http.Response created = asAlice("POST", "/tokens",
                "{\"name\": \"ci\", \"projects\": [\"API_Demo\"], \"expires\": \"2026-08-01T00:00:00+02:00\"}");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Content-Type")).isEqualTo("application/json");
        JsonNode token = Tokens.json(created);
        assertThat(token.get("token").asText()).matches("pypi-[A-Za-z0-9_-]{43}");
        assertThat(token.get("name").asText()).isEqualTo("ci");
        assertThat(token.get("projects").toString()).isEqualTo("[\"api-demo\"]");
        assertThat(token.get("created").asText()).isEqualTo("2026-07-08T09:10:11Z");
        assertThat(token.get("expires").asText()).isEqualTo("2026-07-31T22:00:00Z");
        assertThat(token.get("revoked").isNull()).isTrue();

        Http.Response listed = asAlice("GET", "/tokens", null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).doesNotContain(token.get("token").asText()).doesNotContain("pypi-");
        JsonNode mine = Tokens.json(listed).get("tokens");
        assertThat(mine.findValuesAsText("name")).contains("ci");
        Http.Response bobs = call("GET", "/tokens", Uploads.basic(BOB, BOB_PASSWORD), null, null);
        assertThat(Tokens.json(bobs).get("tokens").findValuesAsText("name")).doesNotContain("ci");
    }

    @Test
    void aTokenAuthenticatesTheApiAsBasicOrBearerAndAScopedOneManagesNoTokens() {
        String unscoped = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"all\"}");
        String scoped = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"one\", \"projects\": [\"api-demo\"]}");

        assertThat(call("GET", "/tokens", Tokens.bearer(unscoped), null, null).status()).isEqualTo(200);
        assertThat(call("GET", "/tokens", Uploads.basic("__token__", scoped), null, null).status()).isEqualTo(200);
        assertThat(call("POST", "/tokens", Tokens.bearer(unscoped), "{\"name\": \"x\"}", "application/json").status())
                .isEqualTo(201);
        assertThat(assertError(call("POST", "/tokens", Tokens.bearer(scoped), "{\"name\": \"x\"}", "application/json"),
                403)).isEqualTo("a token scoped to project(s) 'api-demo' cannot create API tokens");
    }

    @Test
    void revokingIsForTheOwnerOrAnAdminAndHappensOnce() {
        long id = Tokens.json(Tokens.create(server, ALICE, ALICE_PASSWORD, "{\"name\": \"r\"}")).get("id").asLong();
        long other = Tokens.json(Tokens.create(server, ALICE, ALICE_PASSWORD, "{\"name\": \"r2\"}")).get("id").asLong();

        assertThat(assertError(call("DELETE", "/tokens/" + id, Uploads.basic(BOB, BOB_PASSWORD), null, null), 403))
                .isEqualTo("token " + id + " belongs to another user");
        Http.Response revoked = asAlice("DELETE", "/tokens/" + id, null);
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(Tokens.json(revoked).get("revoked").asText()).isEqualTo("2026-07-08T09:10:11Z");
        assertThat(assertError(asAlice("DELETE", "/tokens/" + id, null), 409))
                .isEqualTo("token " + id + " is already revoked");
        assertThat(call("DELETE", "/tokens/" + other, Uploads.basic(ROOT, ROOT_PASSWORD), null, null).status())
                .isEqualTo(200);
        assertThat(assertError(asAlice("DELETE", "/tokens/999999", null), 404)).isEqualTo("no token with id 999999");
        assertError(asAlice("DELETE", "/tokens/abc", null), 404);
    }

    @Test
    void withoutValidCredentialsEveryCallIs401WithAChallenge() {
        for (String authorization : new String[] {null, Uploads.basic(ALICE, "wrong"), "Bearer pypi-nope",
                Uploads.basic("__token__", "pypi-" + "A".repeat(43)), "Digest abc"}) {
            Http.Response response = call("GET", "/tokens", authorization, null, null);
            assertError(response, 401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Basic realm=");
        }
    }

    /** With java.net.http: HttpURLConnection drops the body of a 401 to a streamed POST. */
    @Test
    void aWriteWithoutCredentialsIs401InJson() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                .proxy(java.net.ProxySelector.of(null)).build()
                .send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).startsWith("{\"errors\":[{\"status\":\"401\",\"detail\":\"authentication required");
    }

    @Test
    void writesTakeJsonOnlyOrFromAScriptNoBodyAtAll() throws Exception {
        String basic = Uploads.basic(ALICE, ALICE_PASSWORD);
        // No body and no Content-Type from a script (curl -X POST): the same as {}.
        assertThat(assertError(call("POST", "/tokens", basic, null, null), 400)).startsWith("name:");
        // The same from a browser, which sends Origin (and may send cached Basic credentials cross-site
        // with a "simple" bodiless POST): refused before anything is read. (java.net.http: HttpURLConnection
        // drops an Origin header.)
        java.net.http.HttpResponse<String> fromBrowser = java.net.http.HttpClient.newBuilder()
                .proxy(java.net.ProxySelector.of(null)).build()
                .send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/tokens")).header("Authorization", basic)
                        .header("Origin", "https://elsewhere.example")
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(fromBrowser.statusCode()).isEqualTo(415);
        assertThat(fromBrowser.body()).startsWith("{\"errors\":[{\"status\":\"415\",\"detail\":\"the body must be JSON");
        assertError(Http.send("POST", server.uri("/api/v1/tokens"), null, "Authorization", basic,
                "Content-Type", "text/plain"), 415);
        assertThat(assertError(call("POST", "/tokens", basic, "name=x", "application/x-www-form-urlencoded"), 415))
                .contains("application/json");
        assertError(call("POST", "/tokens", basic, "{\"name\": \"x\"}", "text/plain"), 415);
        assertError(call("POST", "/tokens", basic, "{\"name\": \"x\"}", null), 415);
        assertThat(call("POST", "/tokens", basic, "{\"name\": \"x\"}", "application/json; charset=utf-8").status())
                .isEqualTo(201);
        assertError(call("POST", "/tokens", basic, "{\"name\": ", "application/json"), 400);
        assertError(call("POST", "/tokens", basic, "[\"name\"]", "application/json"), 400);
        assertError(call("POST", "/tokens", basic, "{} {}", "application/json"), 400);
        assertError(call("POST", "/tokens", basic, "", "application/json"), 400);
        assertError(call("POST", "/tokens", basic, "{\"name\": \"" + "x".repeat(70_000) + "\"}", "application/json"),
                413);
    }

    @Test
    void badFieldsAre400NamingTheField() {
        assertThat(assertError(asAlice("POST", "/tokens", "{}"), 400)).startsWith("name:");
        assertThat(assertError(asAlice("POST", "/tokens", "{\"name\": 5}"), 400)).startsWith("name:");
        assertThat(assertError(asAlice("POST", "/tokens", "{\"name\": \" \"}"), 400)).startsWith("name:");
        assertThat(assertError(asAlice("POST", "/tokens", "{\"name\": \"a\", \"projects\": \"api-demo\"}"), 400))
                .startsWith("projects:");
        assertThat(assertError(asAlice("POST", "/tokens", "{\"name\": \"a\", \"projects\": [\"-bad-\"]}"), 400))
                .isEqualTo("projects: '-bad-' is not a valid project name");
        assertThat(assertError(asAlice("POST", "/tokens", "{\"name\": \"a\", \"projects\": [\"no-such\"]}"), 400))
                .isEqualTo("projects: 'no-such' is not a project on which user 'alice' has a role");
        assertThat(assertError(call("POST", "/tokens", Uploads.basic(BOB, BOB_PASSWORD),
                "{\"name\": \"a\", \"projects\": [\"api-demo\"]}", "application/json"), 400))
                .isEqualTo("projects: 'api-demo' is not a project on which user 'bob' has a role");
        assertThat(assertError(asAlice("POST", "/tokens", "{\"name\": \"a\", \"expires\": \"2026-07-08T09:10:11Z\"}"),
                400)).startsWith("expires:");
        assertThat(assertError(asAlice("POST", "/tokens", "{\"name\": \"a\", \"expires\": \"tomorrow\"}"), 400))
                .startsWith("expires:");
        assertThat(assertError(asAlice("POST", "/tokens", "{\"name\": \"a\", \"expires\": true}"), 400))
                .startsWith("expires:");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405InJson() {
        assertError(asAlice("GET", "/nothing-here", null), 404);
        assertError(call("GET", "", null, null, null), 404);
        Http.Response wrongMethod = asAlice("PUT", "/tokens", "{}");
        assertError(wrongMethod, 405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, HEAD, POST");
    }
}
