package dev.cheeseshop.upload;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.xmlrpc.RateLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may upload: HTTP Basic with a username and password (tokens: {@code TokenUploadTest}); anything else is a 403 with PyPI's
 * message, and so is a user without a role on an existing project. A refusal stores nothing.
 */
class AuthenticationTest {
    private static final String INVALID_AUTH = "Invalid or non-existent authentication information. "
            + "See https://pypi.org/help/#invalid-auth for more information.";

    @TempDir
    static Path tmp;

    private static TestServer server;
    private static Path wheel;

    @BeforeAll
    static void start() throws IOException {
        // More failed logins than the default limit: this suite is about the 403s, FailedLoginLimitTest about the limit.
        server = TestServer.start(settings -> settings.withLoginRateLimit(RateLimit.parse("1000/minute")),
                Clock.systemUTC());
        wheel = TestArchives.wheel("guarded", "1.0").writeTo(Files.createDirectories(tmp.resolve("guarded")));
        Path first = TestArchives.wheel("guarded", "0.9").writeTo(Files.createDirectories(tmp.resolve("first")));
        assertThat(Uploads.wheel(first, "Guarded", "0.9").to(server).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String basicRaw(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> badCredentials() {
        return Stream.of(
                Arguments.of("no Authorization header", null),
                Arguments.of("wrong password", Uploads.basic(ALICE, ALICE_PASSWORD + "x")),
                Arguments.of("empty password", Uploads.basic(ALICE, "")),
                Arguments.of("another user's password", Uploads.basic(ALICE, BOB_PASSWORD)),
                Arguments.of("unknown user", Uploads.basic("mallory", ALICE_PASSWORD)),
                Arguments.of("no colon", basicRaw(ALICE + ALICE_PASSWORD)),
                Arguments.of("not base64", "Basic !!!not-base64!!!"),
                Arguments.of("a password as a Bearer token", "Bearer " + ALICE_PASSWORD),
                Arguments.of("a token that was never issued", Uploads.basic("__token__", "pypi-AgEIcHlwaS5vcmc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void badCredentialsAre403AndStoreNothing(String what, String authorization) throws IOException {
        Path fresh = TestArchives.wheel("anonymous", "1.0").writeTo(Files.createDirectories(tmp.resolve("anon")));
        IndexState before = IndexState.of(server);

        Http.Response toNew = Uploads.wheel(fresh, "anonymous", "1.0").authorization(authorization).to(server);
        Http.Response toExisting = Uploads.wheel(wheel, "guarded", "1.0").authorization(authorization).to(server);

        for (Http.Response response : new Http.Response[] {toNew, toExisting}) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.reason()).isEqualTo(INVALID_AUTH);
            assertThat(response.text()).isEqualTo(Uploads.plainBody(403, INVALID_AUTH));
        }
        assertThat(IndexState.of(server)).isEqualTo(before);
    }

    @Test
    void aUserWithoutARoleOnTheProjectIs403() {
        IndexState before = IndexState.of(server);

        Http.Response response = Uploads.wheel(wheel, "guarded", "1.0").credentials(BOB, BOB_PASSWORD).to(server);

        String message = "The user 'bob' isn't allowed to upload to project 'Guarded'. "
                + "See https://pypi.org/help/#project-name for more information.";
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.reason()).isEqualTo(message);
        assertThat(response.text()).isEqualTo(Uploads.plainBody(403, message));
        assertThat(IndexState.of(server)).isEqualTo(before);
    }

    @Test
    void anAdministratorUploadsToAnyProjectUnderTheirOwnNameAndGetsNoRole() throws Exception {
        server.app().accounts().create("root", null, "root-password-333", true);
        Path second = TestArchives.wheel("guarded", "1.1").writeTo(Files.createDirectories(tmp.resolve("admin")));
        IndexState before = IndexState.of(server);

        Http.Response response = Uploads.wheel(second, "Guarded", "1.1").credentials("root", "root-password-333")
                .to(server);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        IndexState after = IndexState.of(server);
        assertThat(IndexState.describe(after.journalSince(before))).containsExactly(
                "Guarded|1.1|new release|root", "Guarded|1.1|add py3 file guarded-1.1-py3-none-any.whl|root");
        assertThat(after.roles()).isEqualTo(before.roles());
    }

    @Test
    void aMaintainerMayUploadAndAnyUserMayCreateANewProject() throws IOException {
        Path maintained = TestArchives.wheel("maintained", "1.0").writeTo(Files.createDirectories(tmp.resolve("m1")));
        Path second = TestArchives.wheel("maintained", "2.0").writeTo(Files.createDirectories(tmp.resolve("m2")));
        assertThat(Uploads.wheel(maintained, "maintained", "1.0").to(server).status()).isEqualTo(200);
        assertThat(Uploads.wheel(second, "maintained", "2.0").credentials(BOB, BOB_PASSWORD).to(server).status())
                .isEqualTo(403);
        server.app().store().write(tx -> {
            long project = tx.projects().find("maintained").orElseThrow().id();
            User bob = tx.users().find(BOB).orElseThrow();
            tx.roles().insert(project, bob.id(), RoleName.Maintainer);
            return null;
        });

        Http.Response response = Uploads.wheel(second, "maintained", "2.0").credentials(BOB, BOB_PASSWORD).to(server);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(IndexState.of(server).journal()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("add py3 file maintained-2.0-py3-none-any.whl");
            assertThat(e.submittedBy()).isEqualTo(BOB);
        });

        Path bobs = TestArchives.wheel("bobs-own", "1.0").writeTo(Files.createDirectories(tmp.resolve("b")));
        assertThat(Uploads.wheel(bobs, "bobs-own", "1.0").credentials(BOB, BOB_PASSWORD).to(server).status())
                .isEqualTo(200);
        assertThat(IndexState.of(server).roles()).contains("bobs-own Owner bob").doesNotContain("bobs-own Owner alice");
    }

    @Test
    void theRefusalArrivesWhileALargeBodyIsStillUnread() {
        byte[] large = new byte[8 * 1024 * 1024];
        IndexState before = IndexState.of(server);

        Http.Response response = Uploads.wheel(wheel, "guarded", "1.0").content(large)
                .credentials(ALICE, "wrong").to(server);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.reason()).isEqualTo(INVALID_AUTH);
        assertThat(IndexState.of(server)).isEqualTo(before);
    }
}
