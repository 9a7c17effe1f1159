package dev.cheeseshop.http;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.xmlrpc.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's own {@link WebSessions}, called as the login page will call it, from the address
 * the API's requests come from. Browser logins and HTTP Basic on {@code /api/v1} share one
 * failed-login limit ({@code serve --login-rate-limit 3/minute} here), per client address and per
 * username: failures on either count against both, and past the limit either refuses the right
 * password. And sessions leave the render cache alone.
 */
class WebSessionsServerTest {
    private static final String LOCAL = "127.0.0.1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private TestServer server;
    private WebSessions sessions;

    @BeforeEach
    void start() {
        server = TestServer.start(s -> s.withLoginRateLimit(RateLimit.parse("3/minute")), clock);
        sessions = server.app().webSessions();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Response api(String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Http.get(server.uri("/api/v1/tokens"), "Authorization", "Basic " + basic);
    }

    @Test
    void theSitesLoginsAreTheServersOwn() {
        assertThat(server.app().site().webSessions()).isSameAs(sessions);
        assertThat(sessions.logIn(LOCAL, ALICE, ALICE_PASSWORD)).isInstanceOf(WebSessions.LoginResult.Started.class);
        assertThat(api(ALICE, ALICE_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void loggingInAndUsingASessionLeaveTheRenderCachesGenerationAlone() {
        long generation = server.app().journalWatch().generation();

        WebSessions.LoginResult.Started started = (WebSessions.LoginResult.Started) sessions.logIn(LOCAL, ALICE,
                ALICE_PASSWORD);
        clock.advance(Duration.ofMinutes(5));
        assertThat(sessions.resolve(started.cookieValue())).isPresent(); // a use that writes
        sessions.logOut(started.cookieValue());
        sessions.sweep();

        assertThat(server.app().journalWatch().generation()).isEqualTo(generation);
    }

    @Test
    void failedBrowserLoginsFromAnAddressThrottleTheApisBasicAuthFromIt() {
        for (String nobody : new String[] {"nobody-1", "nobody-2", "nobody-3"}) {
            assertThat(sessions.logIn(LOCAL, nobody, "guess")).isInstanceOf(WebSessions.LoginResult.Refused.class);
        }
        clock.advance(Duration.ofSeconds(20));

        Http.Response locked = api(BOB, BOB_PASSWORD);

        assertThat(locked.status()).as(locked.text()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isEqualTo("40");
        clock.advance(Duration.ofSeconds(40));
        assertThat(api(BOB, BOB_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void failedBasicAuthForAUsernameThrottlesItsBrowserLoginFromAnywhere() {
        for (int i = 0; i < 3; i++) {
            assertThat(api(ALICE, "guess-" + i).status()).isEqualTo(401);
        }

        WebSessions.LoginResult elsewhere = sessions.logIn("198.51.100.7", ALICE, ALICE_PASSWORD);

        assertThat(elsewhere).isEqualTo(new WebSessions.LoginResult.Throttled(Duration.ofMinutes(1)));
        assertThat(sessions.logIn("198.51.100.7", BOB, BOB_PASSWORD))
                .as("another username from that address").isInstanceOf(WebSessions.LoginResult.Started.class);
        assertThat(sessions.logIn(LOCAL, BOB, BOB_PASSWORD))
                .as("any username from the API's address").isInstanceOf(WebSessions.LoginResult.Throttled.class);
    }
}
