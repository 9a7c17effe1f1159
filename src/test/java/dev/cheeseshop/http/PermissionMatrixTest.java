package dev.cheeseshop.http;

import static dev.cheeseshop.testing.IndexState.describe;
import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.xmlrpc.RateLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every project endpoint of {@code /api/v1} against every kind of caller: the project's Owner, its
 * Maintainer, a stranger, a server administrator, a token scoped to another project, an expired
 * token, a revoked token, and a disabled user (who is an Owner of the project) by password and by
 * token. Each case runs on a project of its own; a change must write exactly its journal entry
 * under the caller, and a refusal must answer its status in the JSON error form and write nothing
 * at all ({@code testing/IndexState}: rows, quarantine and yank state, roles, journal, blobs).
 */
class PermissionMatrixTest {
    private static final String OTHER_PROJECT = "pm-elsewhere";

    /** Who may call an endpoint. */
    enum May { OWNER, ADMINISTRATOR, ANYONE }

    /** Who calls. */
    enum Caller { OWNER, MAINTAINER, STRANGER, ADMINISTRATOR, SCOPED_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN, DISABLED_USER,
        DISABLED_USERS_TOKEN }

    /** What must be ready before the call: a yanked release, a project or release in quarantine. */
    enum Before { NOTHING, YANKED, PROJECT_QUARANTINED, RELEASE_QUARANTINED }

    /**
     * An endpoint: the method, the path ({@code {p}} the project, {@code {f}} its sdist's filename),
     * the body ({@code {p}} the project), who may call it, the status of a success, and the journal
     * entries a success writes, one a line ({@code {p}} the project, {@code {u}} the caller), or null for a read.
     */
    record Endpoint(String name, String method, String path, String body, May may, int status, String entry,
            Before before) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("yank", "POST", "/projects/{p}/releases/1.0/yank", "{\"reason\": \"r\"}", May.OWNER, 200,
                    "{p}|1.0|yank release|{u}", Before.NOTHING),
            new Endpoint("unyank", "POST", "/projects/{p}/releases/1.0/unyank", null, May.OWNER, 200,
                    "{p}|1.0|unyank release|{u}", Before.YANKED),
            new Endpoint("remove file", "DELETE", "/projects/{p}/releases/1.0/files/{f}", null, May.OWNER, 200,
                    "{p}|1.0|remove file {f}|{u}", Before.NOTHING),
            new Endpoint("remove release", "DELETE", "/projects/{p}/releases/1.0", null, May.OWNER, 200,
                    "{p}|1.0|remove release|{u}", Before.NOTHING),
            new Endpoint("remove project", "DELETE", "/projects/{p}", null, May.OWNER, 200,
                    "{p}|null|remove project|{u}", Before.NOTHING),
            new Endpoint("add role", "PUT", "/projects/{p}/roles/carol", "{\"role\": \"Maintainer\"}", May.OWNER, 201,
                    "{p}|null|add Maintainer carol|{u}", Before.NOTHING),
            new Endpoint("change role", "PUT", "/projects/{p}/roles/bob", "{\"role\": \"Owner\"}", May.OWNER, 200,
                    "{p}|null|change Maintainer bob to Owner|{u}", Before.NOTHING),
            new Endpoint("remove role", "DELETE", "/projects/{p}/roles/bob", null, May.OWNER, 200,
                    "{p}|null|remove Maintainer bob|{u}", Before.NOTHING),
            new Endpoint("quarantine project", "POST", "/projects/{p}/quarantine", null, May.ADMINISTRATOR, 200,
                    "{p}|null|project quarantined|{u}", Before.NOTHING),
            new Endpoint("clear project", "DELETE", "/projects/{p}/quarantine", null, May.ADMINISTRATOR, 200,
                    "{p}|null|project quarantine cleared|{u}", Before.PROJECT_QUARANTINED),
            new Endpoint("quarantine release", "POST", "/projects/{p}/releases/1.0/quarantine", null, May.ADMINISTRATOR,
                    200, "{p}|1.0|release quarantined|{u}", Before.NOTHING),
            new Endpoint("clear release", "DELETE", "/projects/{p}/releases/1.0/quarantine", null, May.ADMINISTRATOR, 200,
                    "{p}|1.0|release quarantine cleared|{u}", Before.RELEASE_QUARANTINED),
            new Endpoint("reserve", "POST", "/projects", "{\"name\": \"{p}-reserved\", \"owner\": \"bob\"}",
                    May.ADMINISTRATOR, 201, "{p}-reserved|null|create|{u}\n{p}-reserved|null|add Owner bob|{u}",
                    Before.NOTHING),
            new Endpoint("read project", "GET", "/projects/{p}", null, May.ANYONE, 200, null, Before.NOTHING),
            new Endpoint("read release", "GET", "/projects/{p}/releases/1.0", null, May.ANYONE, 200, null, Before.NOTHING),
            new Endpoint("read journal", "GET", "/projects/{p}/journal", null, May.ANYONE, 200, null, Before.NOTHING),
            new Endpoint("read roles", "GET", "/projects/{p}/roles", null, May.ANYONE, 200, null, Before.NOTHING));

    private static final String ROOT_PASSWORD = "root-password-333";
    private static final String CAROL_PASSWORD = "carol-password-4444";
    private static final String DAVE_PASSWORD = "dave-password-55555";

    private static final HttpClient CLIENT = HttpClient.newBuilder().proxy(ProxySelector.of(null)).build();
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));
    private static TestServer server;
    private static Path archives;
    private static String setupToken;
    private static final Map<Caller, String> AUTHORIZATION = new EnumMap<>(Caller.class);
    private static int projects;

    @BeforeAll
    static void start() throws Exception {
        // No failed-login limit: the disabled user's refused passwords would lock the test's address out.
        server = TestServer.start(settings -> settings.withLoginRateLimit(RateLimit.parse("off")), CLOCK);
        server.app().accounts().create("carol", null, CAROL_PASSWORD, false);
        server.app().accounts().create("root", null, ROOT_PASSWORD, true);
        server.app().accounts().create("dave", null, DAVE_PASSWORD, false);
        archives = Files.createTempDirectory(server.data(), "archives");
        setupToken = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"setup\"}");
        upload(OTHER_PROJECT);

        AUTHORIZATION.put(Caller.OWNER, bearer(ALICE, ALICE_PASSWORD, "{\"name\": \"owner\"}"));
        AUTHORIZATION.put(Caller.MAINTAINER, bearer(BOB, BOB_PASSWORD, "{\"name\": \"maintainer\"}"));
        AUTHORIZATION.put(Caller.STRANGER, bearer("carol", CAROL_PASSWORD, "{\"name\": \"stranger\"}"));
        AUTHORIZATION.put(Caller.ADMINISTRATOR, bearer("root", ROOT_PASSWORD, "{\"name\": \"admin\"}"));
        AUTHORIZATION.put(Caller.SCOPED_TOKEN, bearer(ALICE, ALICE_PASSWORD,
                "{\"name\": \"scoped\", \"projects\": [\"" + OTHER_PROJECT + "\"]}"));
        AUTHORIZATION.put(Caller.EXPIRED_TOKEN, bearer(ALICE, ALICE_PASSWORD, "{\"name\": \"short\", \"expires\": 60}"));
        Http.Response created = Tokens.create(server, ALICE, ALICE_PASSWORD, "{\"name\": \"revoked\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String revoked = Tokens.json(created).get("token").asText();
        String id = Tokens.json(created).get("id").asText();
        Http.Response revocation = Http.send("DELETE", server.uri("/api/v1/tokens/" + id), null,
                "Authorization", Tokens.bearer(revoked));
        assertThat(revocation.status()).as(revocation.text()).isEqualTo(200);
        AUTHORIZATION.put(Caller.REVOKED_TOKEN, Tokens.bearer(revoked));
        AUTHORIZATION.put(Caller.DISABLED_USERS_TOKEN, bearer("dave", DAVE_PASSWORD, "{\"name\": \"dave\"}"));
        AUTHORIZATION.put(Caller.DISABLED_USER, Uploads.basic("dave", DAVE_PASSWORD));
        Http.Response disable = Http.send("POST", server.uri("/api/v1/users/dave/disable"), null,
                "Authorization", Uploads.basic("root", ROOT_PASSWORD));
        assertThat(disable.status()).as(disable.text()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(61)); // past the short token's expiry
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> cases() {
        return ENDPOINTS.stream().flatMap(e -> Stream.of(Caller.values()).map(c -> Arguments.of(e, c)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("cases")
    void eachCallerGetsWhatPypiGivesThemAndARefusalWritesNothing(Endpoint endpoint, Caller caller) throws IOException {
        String project = "pm-" + (++projects);
        String sdist = upload(project);
        grant(project, BOB, RoleName.Maintainer);
        grant(project, "dave", RoleName.Owner);
        prepare(endpoint.before(), project);
        IndexState before = IndexState.of(server);

        String path = endpoint.path().replace("{p}", project).replace("{f}", sdist);
        String body = endpoint.body() == null ? null : endpoint.body().replace("{p}", project);
        Http.Response response = call(endpoint.method(), path, AUTHORIZATION.get(caller), body);

        int expected = expectedStatus(endpoint, caller);
        if (expected < 400) {
            assertThat(response.status()).as(response.text()).isEqualTo(expected);
            List<String> written = describe(IndexState.of(server).journalSince(before));
            if (endpoint.entry() == null) {
                assertThat(written).isEmpty();
            } else {
                assertThat(written).containsExactly(endpoint.entry().replace("{p}", project).replace("{f}", sdist)
                        .replace("{u}", username(caller)).split("\n"));
            }
        } else {
            assertThat(response.status()).as(response.text()).isEqualTo(expected);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            JsonNode error = Tokens.json(response).get("errors").get(0);
            assertThat(error.get("status").asText()).isEqualTo(Integer.toString(expected));
            assertThat(error.get("detail").asText()).isNotBlank();
            assertThat(IndexState.of(server)).isEqualTo(before);
            if (caller == Caller.SCOPED_TOKEN) {
                assertThat(error.get("detail").asText()).startsWith("Invalid API Token: token is scoped to project(s) '"
                        + OTHER_PROJECT + "'");
            }
        }
    }

    /**
     * pypi.org's rules: Owners manage, administrators do anything, anyone authenticated reads; a
     * scoped token touches only its projects; an expired or revoked token and a disabled user are
     * no identity at all.
     */
    private static int expectedStatus(Endpoint endpoint, Caller caller) {
        switch (caller) {
            case EXPIRED_TOKEN, REVOKED_TOKEN, DISABLED_USER, DISABLED_USERS_TOKEN:
                return 401;
            case ADMINISTRATOR:
                return endpoint.status();
            case OWNER:
                return endpoint.may() == May.ADMINISTRATOR ? 403 : endpoint.status();
            case SCOPED_TOKEN: // it reads nothing outside its scope either
                return 403;
            default: // a Maintainer, a stranger
                return endpoint.may() == May.ANYONE ? endpoint.status() : 403;
        }
    }

    private static String username(Caller caller) {
        return switch (caller) {
            case ADMINISTRATOR -> "root";
            case MAINTAINER -> BOB;
            case STRANGER -> "carol";
            default -> ALICE;
        };
    }

    /** Gets the project ready through the use cases' own API calls, as an administrator (journaled before the snapshot). */
    private static void prepare(Before before, String project) {
        String path = switch (before) {
            case NOTHING -> null;
            case YANKED -> "/projects/" + project + "/releases/1.0/yank";
            case PROJECT_QUARANTINED -> "/projects/" + project + "/quarantine";
            case RELEASE_QUARANTINED -> "/projects/" + project + "/releases/1.0/quarantine";
        };
        if (path != null) {
            Http.Response response = call("POST", path, AUTHORIZATION.get(Caller.ADMINISTRATOR), null);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
    }

    /** Uploads a wheel and an sdist of version 1.0 as alice (with a token: no password check); answers the sdist's name. */
    private static String upload(String project) throws IOException {
        Path dir = Files.createDirectories(archives.resolve(project));
        Path wheel = TestArchives.wheel(project, "1.0").writeTo(dir);
        Path sdist = TestArchives.sdist(project, "1.0").writeTo(dir);
        for (Uploads upload : List.of(Uploads.wheel(wheel, project, "1.0"), Uploads.sdist(sdist, project, "1.0"))) {
            Http.Response response = upload.authorization(Uploads.basic("__token__", setupToken)).to(server);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
        return sdist.getFileName().toString();
    }

    private static void grant(String project, String username, RoleName role) {
        server.app().store().write(tx -> {
            long id = tx.projects().find(ProjectName.normalize(project)).orElseThrow().id();
            User user = tx.users().find(username).orElseThrow();
            tx.roles().insert(id, user.id(), role);
            return null;
        });
    }

    private static String bearer(String user, String password, String json) {
        return Tokens.bearer(Tokens.secret(server, user, password, json));
    }

    /** With java.net.http: HttpURLConnection drops the body of a 401 to a POST or PUT with a body. */
    private static Http.Response call(String method, String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/v1" + path))
                .header("Authorization", authorization)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(response.headers().map());
            return new Http.Response(response.statusCode(), "", headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
