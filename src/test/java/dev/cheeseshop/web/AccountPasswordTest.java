package dev.cheeseshop.web;

import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.HtmlChecks;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.WebForms;
import dev.cheeseshop.xmlrpc.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changing the password on the account page: the new one logs in and the old one no longer does;
 * the session that changed it goes on while the user's other sessions end; a mismatched
 * repetition, a wrong current password and the failed-login limit (3 a minute here) change nothing
 * and say why, with the use case's status.
 */
class AccountPasswordTest {
    private static final String CAROL = "carol";
    private static final String CAROL_PASSWORD = "carol-password-333";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(s -> s.withLoginRateLimit(RateLimit.parse("3/minute")), CLOCK);
        server.app().accounts().create(CAROL, null, CAROL_PASSWORD, false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Each test starts with no failed login counted against this address. */
    @BeforeEach
    void newWindow() {
        CLOCK.advance(Duration.ofMinutes(2));
    }

    @Test
    void theNewPasswordLogsInTheOldOneNoLongerAndOnlyTheChangingSessionGoesOn() {
        String here = WebForms.logIn(server, CAROL, CAROL_PASSWORD);
        String elsewhere = WebForms.logIn(server, CAROL, CAROL_PASSWORD);
        assertThat(Http.get(server.uri("/account/"), "Cookie", elsewhere).status()).isEqualTo(200);

        Http.Response changed = change(here, CAROL_PASSWORD, "carol-new-password", "carol-new-password");

        assertThat(changed.status()).as(changed.text()).isEqualTo(303);
        assertThat(changed.header("Location")).isEqualTo("/account/?done=password");
        Http.Response stays = Http.get(server.uri("/account/?done=password"), "Cookie", here);
        assertThat(stays.status()).isEqualTo(200);
        assertThat(HtmlChecks.valid(stays.text()).selectFirst("[role=status]").text())
                .isEqualTo("Your password was changed. Every other session of yours has ended.");
        Http.Response ended = Http.get(server.uri("/account/"), "Cookie", elsewhere);
        assertThat(ended.status()).isEqualTo(303);
        assertThat(ended.header("Location")).isEqualTo("/account/login/?next=/account/");
        assertThat(WebForms.tryLogIn(server, CAROL, CAROL_PASSWORD)).as("the old password").isEmpty();
        assertThat(WebForms.tryLogIn(server, CAROL, "carol-new-password")).as("the new password").isPresent();
    }

    @Test
    void aMismatchedRepetitionChangesNothing() {
        String session = WebForms.logIn(server, BOB, BOB_PASSWORD);
        Http.Response refused = change(session, BOB_PASSWORD, "bob-new-password", "bob-new-pasword");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
        Document page = HtmlChecks.valid(refused.text());
        assertThat(page.selectFirst("[role=alert]").text())
                .isEqualTo("The new password and its repetition differ: nothing was changed.");
        assertThat(page.selectFirst("#password-current").attr("aria-describedby")).isEqualTo("password-error");
        assertThat(WebForms.tryLogIn(server, BOB, BOB_PASSWORD)).isPresent();
        assertThat(WebForms.tryLogIn(server, BOB, "bob-new-password")).isEmpty();
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAndCountsTowardsTheLimit() {
        String session = WebForms.logIn(server, BOB, BOB_PASSWORD);
        for (String guess : new String[] {"guess-1", "guess-2", "guess-3"}) {
            Http.Response wrong = change(session, guess, "bob-new-password", "bob-new-password");
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(HtmlChecks.valid(wrong.text()).selectFirst("[role=alert]").text())
                    .isEqualTo("The current password is wrong");
        }
        Http.Response locked = change(session, BOB_PASSWORD, "bob-new-password", "bob-new-password");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isEqualTo("60");
        assertThat(HtmlChecks.valid(locked.text()).selectFirst("[role=alert]").text())
                .isEqualTo("There have been too many unsuccessful login attempts. Try again later.");
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(WebForms.tryLogIn(server, BOB, BOB_PASSWORD)).as("nothing was changed").isPresent();
    }

    private static Http.Response change(String session, String current, String newPassword, String repeat) {
        return WebForms.post(server, "/account/password/", Map.of("csrf_token", AccountPageTest.csrfOn(server, session),
                "current", current, "new", newPassword, "repeat", repeat), session);
    }
}
