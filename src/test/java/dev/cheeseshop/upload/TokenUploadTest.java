package dev.cheeseshop.upload;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads with API tokens: as the password of {@code __token__} and as {@code Bearer}; a scoped
 * token only on its projects and never creating one; expired, revoked and unknown tokens refused.
 * Every refusal stores nothing.
 */
class TokenUploadTest {
    private static final String INVALID_AUTH = "Invalid or non-existent authentication information. "
            + "See https://pypi.org/help/#invalid-auth for more information.";

    @TempDir
    static Path tmp;

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));
    private static TestServer server;
    private static int count;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(UnaryOperator.identity(), CLOCK);
        assertThat(Uploads.wheel(wheel("scoped-one", "0.1"), "scoped-one", "0.1").to(server).status()).isEqualTo(200);
        assertThat(Uploads.wheel(wheel("scoped-two", "0.1"), "scoped-two", "0.1").to(server).status()).isEqualTo(200);
        assertThat(Uploads.wheel(wheel("bobs", "0.1"), "bobs", "0.1").credentials(BOB, BOB_PASSWORD).to(server)
                .status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path wheel(String name, String version) throws IOException {
        return TestArchives.wheel(name, version).writeTo(Files.createDirectories(tmp.resolve("w" + count++)));
    }

    private static Http.Response upload(String name, String version, String authorization) throws IOException {
        return Uploads.wheel(wheel(name, version), name, version).authorization(authorization).to(server);
    }

    private static void assertRefused(Http.Response response, String message, IndexState before) {
        assertThat(response.status()).as(response.text()).isEqualTo(403);
        assertThat(response.reason()).isEqualTo(message);
        assertThat(response.text()).isEqualTo(Uploads.plainBody(403, message));
        assertThat(IndexState.of(server)).isEqualTo(before);
    }

    @Test
    void anUnscopedTokenUploadsAsTokenUserAndAsBearerAndActsAsItsUser() throws IOException {
        String token = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"everything\"}");

        Http.Response basic = upload("token-made", "1.0", Uploads.basic("__token__", token));
        Http.Response bearer = upload("token-made", "2.0", Tokens.bearer(token));

        assertThat(basic.status()).as(basic.text()).isEqualTo(200);
        assertThat(bearer.status()).as(bearer.text()).isEqualTo(200);
        IndexState after = IndexState.of(server);
        assertThat(after.roles()).contains("token-made Owner alice");
        assertThat(after.journal()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("add py3 file token_made-2.0-py3-none-any.whl");
            assertThat(e.submittedBy()).isEqualTo(ALICE);
        });
    }

    @Test
    void aScopedTokenUploadsToItsProjectOnly() throws IOException {
        String token = Tokens.secret(server, ALICE, ALICE_PASSWORD,
                "{\"name\": \"ci\", \"projects\": [\"Scoped_One\", \"scoped-two\"]}");

        assertThat(upload("scoped-one", "1.0", Tokens.bearer(token)).status()).isEqualTo(200);
        assertThat(upload("Scoped.Two", "1.0", Uploads.basic("__token__", token)).status()).isEqualTo(200);

        IndexState before = IndexState.of(server);
        assertRefused(upload("bobs", "1.0", Tokens.bearer(token)),
                "Invalid API Token: token is scoped to project(s) 'scoped-one', 'scoped-two' "
                        + "and is not valid for project 'bobs'", before);
        assertRefused(upload("brand-new", "1.0", Uploads.basic("__token__", token)),
                "Invalid API Token: token is scoped to project(s) 'scoped-one', 'scoped-two' "
                        + "and cannot create the new project 'brand-new'", before);
    }

    @Test
    void aScopedTokenStillNeedsItsUsersRole() throws IOException {
        String token = Tokens.secret(server, BOB, BOB_PASSWORD, "{\"name\": \"bob\", \"projects\": [\"bobs\"]}");
        assertThat(upload("bobs", "1.1", Tokens.bearer(token)).status()).isEqualTo(200);

        IndexState before = IndexState.of(server);
        assertRefused(upload("scoped-one", "9.0", Tokens.bearer(token)),
                "Invalid API Token: token is scoped to project(s) 'bobs' and is not valid for project 'scoped-one'",
                before);
    }

    @Test
    void anExpiredTokenIsRefusedFromItsExpiryOn() throws IOException {
        String token = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"short\", \"expires\": 3600}");
        CLOCK.advance(Duration.ofSeconds(3599));
        assertThat(upload("short-lived", "1.0", Tokens.bearer(token)).status()).isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(1));
        IndexState before = IndexState.of(server);
        assertRefused(upload("short-lived", "2.0", Tokens.bearer(token)), "Invalid API Token: token is expired", before);
    }

    @Test
    void aRevokedTokenIsNoIdentity() throws IOException {
        Http.Response created = Tokens.create(server, ALICE, ALICE_PASSWORD, "{\"name\": \"revoked\"}");
        String token = Tokens.json(created).get("token").asText();
        long id = Tokens.json(created).get("id").asLong();
        assertThat(upload("revocable", "1.0", Tokens.bearer(token)).status()).isEqualTo(200);

        Http.Response revoked = Http.send("DELETE", server.uri("/api/v1/tokens/" + id), null,
                "Authorization", Uploads.basic(ALICE, ALICE_PASSWORD));
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);

        IndexState before = IndexState.of(server);
        assertRefused(upload("revocable", "2.0", Tokens.bearer(token)), INVALID_AUTH, before);
        assertRefused(upload("revocable", "2.0", Uploads.basic("__token__", token)), INVALID_AUTH, before);
    }

    @Test
    void wrongTokensAreNoIdentity() throws IOException {
        String token = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"real\"}");
        String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        IndexState before = IndexState.of(server);

        assertRefused(upload("never", "1.0", Tokens.bearer(altered)), INVALID_AUTH, before);
        assertRefused(upload("never", "1.0", Uploads.basic("__token__", altered)), INVALID_AUTH, before);
        assertRefused(upload("never", "1.0", Uploads.basic(ALICE, token)), INVALID_AUTH, before);
        assertRefused(upload("never", "1.0", Uploads.basic("__token__", ALICE_PASSWORD)), INVALID_AUTH, before);
        assertRefused(upload("never", "1.0", "Bearer"), INVALID_AUTH, before);
    }
}
