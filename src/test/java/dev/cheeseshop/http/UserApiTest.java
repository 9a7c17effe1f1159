package dev.cheeseshop.http;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/users} over HTTP: each endpoint, as an administrator, the user themself, another user. */
class UserApiTest {
    private static final Instant NOW = Instant.parse("2026-07-08T09:10:11Z");
    private static final String ROOT = "root";
    private static final String ROOT_PASSWORD = "root-password-333";
    private static final String PASSWORD = "a fine password 1";

    @TempDir
    static Path tmp;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(UnaryOperator.identity(), new MutableClock(NOW));
        server.app().accounts().create(ROOT, null, ROOT_PASSWORD, true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response call(String method, String path, String authorization, String json) {
        List<String> headers = new ArrayList<>(List.of("Authorization", authorization));
        if (json != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        return Http.send(method, server.uri("/api/v1" + path), json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                headers.toArray(String[]::new));
    }

    private static Http.Response asRoot(String method, String path, String json) {
        return call(method, path, Uploads.basic(ROOT, ROOT_PASSWORD), json);
    }

    private static Http.Response asAlice(String method, String path, String json) {
        return call(method, path, Uploads.basic(ALICE, ALICE_PASSWORD), json);
    }

    private static JsonNode ok(Http.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        return Tokens.json(response);
    }

    private static String error(Http.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        return Tokens.json(response).get("errors").get(0).get("detail").asText();
    }

    private static void createUser(String name, String password) {
        ok(asRoot("POST", "/users", "{\"username\": \"" + name + "\", \"password\": \"" + password + "\"}"), 201);
    }

    @Test
    void anAdministratorCreatesAUserAndNobodyElseMay() {
        JsonNode carol = ok(asRoot("POST", "/users",
                "{\"username\": \"Carol\", \"password\": \"" + PASSWORD + "\", \"email\": \"carol@example.org\"}"), 201);

        assertThat(carol.get("username").asText()).isEqualTo("Carol");
        assertThat(carol.get("email").asText()).isEqualTo("carol@example.org");
        assertThat(carol.get("admin").asBoolean()).isFalse();
        assertThat(carol.get("disabled").isNull()).isTrue();
        assertThat(carol.toString()).doesNotContain(PASSWORD).doesNotContain("argon2");
        assertThat(call("GET", "/users/carol", Uploads.basic("carol", PASSWORD), null).status())
                .as("the new user logs in, in any case").isEqualTo(200);

        JsonNode admin = ok(asRoot("POST", "/users",
                "{\"username\": \"dora\", \"password\": \"" + PASSWORD + "\", \"admin\": true}"), 201);
        assertThat(admin.get("admin").asBoolean()).isTrue();
        assertThat(admin.get("email").isNull()).isTrue();

        assertThat(error(asAlice("POST", "/users", "{\"username\": \"mallory\", \"password\": \"" + PASSWORD + "\"}"),
                403)).isEqualTo("only an administrator may create users");
        assertThat(error(asRoot("POST", "/users", "{\"username\": \"CAROL\", \"password\": \"" + PASSWORD + "\"}"),
                409)).isEqualTo("user 'CAROL' already exists");
        assertThat(error(asRoot("POST", "/users", "{\"username\": \"-x\", \"password\": \"" + PASSWORD + "\"}"), 400))
                .startsWith("invalid username '-x'");
        assertThat(error(asRoot("POST", "/users", "{\"username\": \"shorty\", \"password\": \"1234567\"}"), 400))
                .isEqualTo("the password must be at least 8 characters long");
        assertThat(error(asRoot("POST", "/users", "{\"username\": \"longy\", \"password\": \"" + "x".repeat(4097)
                + "\"}"), 400)).isEqualTo("the password must be at most 4096 characters long");
        assertThat(error(asRoot("POST", "/users", "{\"username\": \"nopass\"}"), 400)).isEqualTo("password: required");
        assertThat(error(asRoot("POST", "/users", "{\"username\": \"x1\", \"password\": \"" + PASSWORD
                + "\", \"admin\": \"yes\"}"), 400)).isEqualTo("admin: must be true or false");
        assertThat(asRoot("GET", "/users/mallory", null).status()).as("the refused creations created nothing")
                .isEqualTo(404);
        assertThat(asRoot("GET", "/users/shorty", null).status()).isEqualTo(404);
    }

    @Test
    void administratorsListUsersInPages() {
        JsonNode all = ok(asRoot("GET", "/users?limit=1000", null), 200);
        List<String> names = all.get("users").findValuesAsText("username");
        assertThat(names).contains(ALICE, BOB, ROOT);
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(all.get("next").isNull()).isTrue();
        assertThat(all.toString()).doesNotContain("argon2").doesNotContain("password");

        JsonNode first = ok(asRoot("GET", "/users?limit=1", null), 200);
        assertThat(first.get("users").findValuesAsText("username")).containsExactly(names.get(0));
        assertThat(first.get("next").asText()).isEqualTo(names.get(0));
        JsonNode second = ok(asRoot("GET", "/users?limit=2&after=" + names.get(0), null), 200);
        assertThat(second.get("users").findValuesAsText("username")).containsExactly(names.get(1), names.get(2));
        JsonNode alice = ok(asRoot("GET", "/users?limit=1&after=ALICD", null), 200);
        assertThat(alice.get("users").get(0).get("email").asText()).isEqualTo("alice@example.org");

        assertThat(error(asAlice("GET", "/users", null), 403)).isEqualTo("only an administrator may list users");
        assertThat(error(asRoot("GET", "/users?limit=0", null), 400)).isEqualTo("limit: a whole number from 1 to 1000");
        assertThat(error(asRoot("GET", "/users?limit=1001", null), 400)).startsWith("limit:");
        assertThat(error(asRoot("GET", "/users?limit=ten", null), 400)).startsWith("limit:");
    }

    @Test
    void aUserSeesTheirOwnAccountAndAnAdministratorAnyone() {
        JsonNode self = ok(asAlice("GET", "/users/ALICE", null), 200);
        assertThat(self.get("username").asText()).isEqualTo(ALICE);
        assertThat(self.get("email").asText()).isEqualTo("alice@example.org");
        assertThat(self.get("created").asText()).isEqualTo("2026-07-08T09:10:11Z");

        assertThat(error(asAlice("GET", "/users/bob", null), 403))
                .isEqualTo("only an administrator may see another user's account");
        assertThat(error(asAlice("GET", "/users/nobody", null), 403)).as("no probing for names").isNotEmpty();
        assertThat(ok(asRoot("GET", "/users/bob", null), 200).get("username").asText()).isEqualTo(BOB);
        assertThat(error(asRoot("GET", "/users/nobody", null), 404)).isEqualTo("no user 'nobody'");
        assertThat(call("GET", "/users/alice", Uploads.basic(ALICE, "wrong"), null).status()).isEqualTo(401);
    }

    @Test
    void aUserChangesTheirOwnPasswordGivingTheCurrentOneAndAnAdministratorAnyones() {
        createUser("dan", PASSWORD);
        String dan = Uploads.basic("dan", PASSWORD);
        String next = "the next password 2";

        assertThat(error(call("POST", "/users/dan/password", dan, "{\"new_password\": \"" + next + "\"}"), 400))
                .isEqualTo("password: the current password is required");
        assertThat(error(call("POST", "/users/dan/password", dan,
                "{\"password\": \"not it at all\", \"new_password\": \"" + next + "\"}"), 403))
                .isEqualTo("the current password is wrong");
        assertThat(error(call("POST", "/users/dan/password", dan,
                "{\"password\": \"" + PASSWORD + "\", \"new_password\": \"short\"}"), 400))
                .isEqualTo("the password must be at least 8 characters long");
        assertThat(error(call("POST", "/users/dan/password", dan, "{\"password\": \"" + PASSWORD + "\"}"), 400))
                .isEqualTo("new_password: required");
        assertThat(error(asAlice("POST", "/users/dan/password", "{\"password\": \"" + PASSWORD
                + "\", \"new_password\": \"" + next + "\"}"), 403))
                .isEqualTo("only an administrator may change another user's password");
        assertThat(call("GET", "/users/dan", dan, null).status()).as("nothing refused changed it").isEqualTo(200);

        Http.Response changed = call("POST", "/users/dan/password", dan,
                "{\"password\": \"" + PASSWORD + "\", \"new_password\": \"" + next + "\"}");
        assertThat(ok(changed, 200).get("username").asText()).isEqualTo("dan");
        assertThat(changed.text()).doesNotContain(next).doesNotContain(PASSWORD);
        assertThat(call("GET", "/users/dan", dan, null).status()).as("the old password").isEqualTo(401);
        assertThat(call("GET", "/users/dan", Uploads.basic("dan", next), null).status()).isEqualTo(200);

        String third = "a third password 3";
        ok(asRoot("POST", "/users/dan/password", "{\"new_password\": \"" + third + "\"}"), 200);
        assertThat(call("GET", "/users/dan", Uploads.basic("dan", next), null).status()).isEqualTo(401);
        assertThat(call("GET", "/users/dan", Uploads.basic("dan", third), null).status()).isEqualTo(200);
        assertThat(error(asRoot("POST", "/users/nobody/password", "{\"new_password\": \"" + third + "\"}"), 404))
                .isEqualTo("no user 'nobody'");
    }

    @Test
    void aDisabledUsersPasswordAndTokensAreRefusedAtOnceAndTheirRolesStay() throws Exception {
        createUser("erin", PASSWORD);
        String password = Uploads.basic("erin", PASSWORD);
        Path wheel = TestArchives.wheel("erins-pkg", "1.0").writeTo(Files.createDirectories(tmp.resolve("e1")));
        assertThat(Uploads.wheel(wheel, "erins-pkg", "1.0").credentials("erin", PASSWORD).to(server).status())
                .isEqualTo(200);
        String token = Tokens.secret(server, "erin", PASSWORD, "{\"name\": \"ci\"}");
        assertThat(call("GET", "/tokens", Tokens.bearer(token), null).status()).isEqualTo(200);

        assertThat(error(asAlice("POST", "/users/erin/disable", "{}"), 403)).isEqualTo("only an administrator may disable users");
        assertThat(call("GET", "/users/erin", password, null).status()).as("alice could not disable erin")
                .isEqualTo(200);

        JsonNode disabled = ok(asRoot("POST", "/users/erin/disable", "{}"), 200);
        assertThat(disabled.get("disabled").asText()).isEqualTo("2026-07-08T09:10:11Z");

        assertThat(call("GET", "/users/erin", password, null).status()).as("password on /api/v1").isEqualTo(401);
        assertThat(call("GET", "/tokens", Tokens.bearer(token), null).status()).as("Bearer token on /api/v1")
                .isEqualTo(401);
        assertThat(call("GET", "/tokens", Uploads.basic("__token__", token), null).status())
                .as("__token__ on /api/v1").isEqualTo(401);
        Path two = TestArchives.wheel("erins-pkg", "2.0").writeTo(Files.createDirectories(tmp.resolve("e2")));
        assertThat(Uploads.wheel(two, "erins-pkg", "2.0").credentials("erin", PASSWORD).to(server).status())
                .as("password on /legacy/").isEqualTo(403);
        assertThat(Uploads.wheel(two, "erins-pkg", "2.0").credentials("__token__", token).to(server).status())
                .as("token on /legacy/").isEqualTo(403);
        assertThat(roleOf("erin", "erins-pkg")).as("the role stays").contains(RoleName.Owner);
        assertThat(ok(asRoot("GET", "/users/erin", null), 200).get("disabled").asText())
                .isEqualTo("2026-07-08T09:10:11Z");

        assertThat(error(asRoot("POST", "/users/erin/disable", "{}"), 409)).isEqualTo("user 'erin' is already disabled");
        assertThat(error(asRoot("POST", "/users/root/disable", "{}"), 409))
                .isEqualTo("an administrator cannot disable their own account");
        assertThat(error(asRoot("POST", "/users/nobody/disable", "{}"), 404)).isEqualTo("no user 'nobody'");
        assertThat(error(asAlice("POST", "/users/erin/enable", "{}"), 403)).isEqualTo("only an administrator may enable users");

        assertThat(ok(asRoot("POST", "/users/erin/enable", "{}"), 200).get("disabled").isNull()).isTrue();
        assertThat(call("GET", "/users/erin", password, null).status()).isEqualTo(200);
        assertThat(call("GET", "/tokens", Tokens.bearer(token), null).status()).isEqualTo(200);
        assertThat(Uploads.wheel(two, "erins-pkg", "2.0").credentials("__token__", token).to(server).status())
                .as("enabled again: the role still lets the token upload").isEqualTo(200);
        assertThat(error(asRoot("POST", "/users/erin/enable", "{}"), 409)).isEqualTo("user 'erin' is not disabled");
    }

    @Test
    void aTokenScopedToProjectsReadsItsUserButChangesNothing() throws Exception {
        createUser("fay", PASSWORD);
        Path wheel = TestArchives.wheel("fays-pkg", "1.0").writeTo(Files.createDirectories(tmp.resolve("f1")));
        assertThat(Uploads.wheel(wheel, "fays-pkg", "1.0").credentials("fay", PASSWORD).to(server).status())
                .isEqualTo(200);
        String scoped = Tokens.secret(server, "fay", PASSWORD, "{\"name\": \"one\", \"projects\": [\"fays-pkg\"]}");
        String unscoped = Tokens.secret(server, "fay", PASSWORD, "{\"name\": \"all\"}");

        assertThat(ok(call("GET", "/users/fay", Tokens.bearer(scoped), null), 200).get("username").asText())
                .isEqualTo("fay");
        String next = "fays next password";
        assertThat(error(call("POST", "/users/fay/password", Tokens.bearer(scoped),
                "{\"password\": \"" + PASSWORD + "\", \"new_password\": \"" + next + "\"}"), 403))
                .isEqualTo("a token scoped to projects cannot change passwords");
        assertThat(call("GET", "/users/fay", Uploads.basic("fay", PASSWORD), null).status()).isEqualTo(200);

        ok(call("POST", "/users/fay/password", Tokens.bearer(unscoped),
                "{\"password\": \"" + PASSWORD + "\", \"new_password\": \"" + next + "\"}"), 200);
        assertThat(call("GET", "/users/fay", Uploads.basic("fay", next), null).status()).isEqualTo(200);
        assertThat(call("GET", "/users/fay", Tokens.bearer(scoped), null).status())
                .as("a new password leaves the tokens working").isEqualTo(200);
    }

    private static Optional<RoleName> roleOf(String username, String project) {
        return server.app().store().read((Transaction tx) -> {
            User user = tx.users().find(username).orElseThrow();
            Project found = tx.projects().find(project).orElseThrow();
            return tx.roles().find(found.id(), user.id());
        });
    }
}
