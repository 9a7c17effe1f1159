package dev.cheeseshop.upload;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.xmlrpc.RateLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --login-rate-limit 3/minute} through HTTP: the fourth failed login from an address,
 * or for a username, is PyPI's 429 "Too Many Failed Login Attempts" with {@code Retry-After},
 * even with the right password, until the window closes; a password change's check of the current
 * password counts the same; and no password reaches a log.
 */
class FailedLoginLimitTest {
    private static final String PHRASE = "Too Many Failed Login Attempts";
    private static final String DETAIL = "There have been too many unsuccessful login attempts. Try again later.";
    private static final String BODY = "429 " + PHRASE + "\n\nThe action could not be performed because there were"
            + " too many requests by the client.\n\n\n" + DETAIL + "\n\n";

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private TestServer server;
    private Path wheel;

    @BeforeEach
    void start() throws IOException {
        logged.start();
        root.addAppender(logged);
        server = TestServer.start(s -> s.withLoginRateLimit(RateLimit.parse("3/minute")), clock);
        wheel = TestArchives.wheel("limited", "1.0").writeTo(Files.createDirectories(tmp.resolve("w")));
    }

    @AfterEach
    void stop() {
        server.close();
        root.detachAppender(logged);
    }

    private Http.Response login(String user, String password) {
        return Uploads.wheel(wheel, "limited", "1.0").credentials(user, password).to(server);
    }

    @Test
    void theFourthFailureIs429WithRetryAfterEvenForTheRightPasswordUntilTheWindowCloses() {
        assertThat(login(ALICE, "guess-1").status()).isEqualTo(403);
        clock.advance(Duration.ofSeconds(15));
        assertThat(login("nobody", "guess-2").status()).as("an unknown user counts the same").isEqualTo(403);
        assertThat(login(ALICE, "guess-3").status()).isEqualTo(403);
        IndexState before = IndexState.of(server);

        Http.Response locked = login(ALICE, ALICE_PASSWORD);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.reason()).isEqualTo(PHRASE);
        assertThat(locked.header("Retry-After")).isEqualTo("45");
        assertThat(locked.text()).isEqualTo(BODY);
        Http.Response json = Uploads.wheel(wheel, "limited", "1.0").credentials(BOB, BOB_PASSWORD)
                .accept("application/json").to(server);
        assertThat(json.status()).as("the address is locked out for every username").isEqualTo(429);
        assertThat(json.text()).contains("\"code\":\"429 " + PHRASE + "\"", DETAIL);
        assertThat(IndexState.of(server)).isEqualTo(before);

        clock.advance(Duration.ofSeconds(44));
        assertThat(login(ALICE, ALICE_PASSWORD).header("Retry-After")).isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(login(ALICE, ALICE_PASSWORD).status()).isEqualTo(200);
    }

    /**
     * A stolen token is no way round the limit: the current password a password change gives is
     * checked as a login (403 while wrong), and past the limit it is 429 unchecked, the right one too.
     */
    @Test
    void aPasswordChangesCurrentPasswordCountsAsALogin() {
        String token = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"stolen\"}");
        for (String guess : new String[] {"guess-1", "guess-2", "guess-3"}) {
            Http.Response wrong = changePassword(token, guess);
            assertThat(wrong.status()).as(wrong.text()).isEqualTo(403);
            assertThat(Tokens.json(wrong).at("/errors/0/detail").asText()).isEqualTo("the current password is wrong");
        }

        Http.Response locked = changePassword(token, ALICE_PASSWORD);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isEqualTo("60");
        assertThat(Tokens.json(locked).at("/errors/0/detail").asText()).isEqualTo(DETAIL);
        assertThat(login(ALICE, ALICE_PASSWORD).status()).as("uploads with the password too").isEqualTo(429);
        clock.advance(Duration.ofMinutes(1));
        assertThat(changePassword(token, ALICE_PASSWORD).status()).isEqualTo(200);
    }

    private Http.Response changePassword(String token, String current) {
        return Http.send("POST", server.uri("/api/v1/users/alice/password"),
                ("{\"password\": \"" + current + "\", \"new_password\": \"" + ALICE_PASSWORD + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Authorization", Tokens.bearer(token), "Content-Type", "application/json");
    }

    @Test
    void successesDoNotBuyAnAttackerMoreGuesses() {
        Uploads own = Uploads.wheel(wheel, "limited", "1.0").credentials(BOB, BOB_PASSWORD);
        assertThat(own.to(server).status()).as("the attacker's own account").isEqualTo(200);
        assertThat(login(ALICE, "guess-1").status()).isEqualTo(403);
        assertThat(own.to(server).status()).as("the same file again: 200").isEqualTo(200);
        assertThat(login(ALICE, "guess-2").status()).isEqualTo(403);
        assertThat(own.to(server).status()).isEqualTo(200);
        assertThat(login(ALICE, "guess-3").status()).isEqualTo(403);

        assertThat(login(ALICE, "guess-4").status()).isEqualTo(429);
        assertThat(own.to(server).status()).as("the address is locked out").isEqualTo(429);
    }

    @Test
    void noPasswordReachesTheLog() {
        String[] passwords = {"secret-guess-Zq81", "sécret-ünïcode-7", ALICE_PASSWORD + "-typo"};
        for (String password : passwords) {
            login(ALICE, password);
            login("nobody-" + password.length(), password);
        }
        login(ALICE, ALICE_PASSWORD);

        for (ILoggingEvent event : logged.list) {
            String line = event.getFormattedMessage() + " " + event.getThrowableProxy();
            for (String password : passwords) {
                // In clear, or as the Authorization header carries it.
                assertThat(line).doesNotContain(password, Uploads.basic(ALICE, password).substring(6));
            }
            assertThat(line).doesNotContain(ALICE_PASSWORD);
        }
    }
}
