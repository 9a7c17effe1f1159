package dev.cheeseshop.web;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.testing.HtmlChecks;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.SignedIn;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.testing.WebForms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A form sent by a page of another site is refused even when it carries the right CSRF token
 * (the browser says where a request comes from in {@code Sec-Fetch-Site}, which no page can
 * set): 403, nothing changed. The same form from this site ({@code same-origin}), or from a
 * client that sends no such header, is taken: the check refuses only what the browser names as
 * cross-site.
 */
class CrossSiteFormTest {
    private static final String[] CROSS_SITE = {"Sec-Fetch-Site", "cross-site"};
    private static final String[] SAME_ORIGIN = {"Sec-Fetch-Site", "same-origin"};

    @TempDir
    static Path tmp;
    static TestServer server;
    static SignedIn alice;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        alice = SignedIn.logIn(server, ALICE, ALICE_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> tokenNames() {
        JsonNode tokens = Tokens.json(Http.get(server.uri("/api/v1/tokens"), "Authorization",
                Uploads.basic(ALICE, ALICE_PASSWORD))).get("tokens");
        return tokens.findValuesAsText("name");
    }

    private static void refused(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(403);
        assertThat(HtmlChecks.valid(response.text()).text()).contains("not sent from");
    }

    @Test
    void aTokenIsCreatedOnlyByAFormOfThisSite() {
        String csrf = alice.token("/account/");

        refused(alice.post("/account/tokens/", Map.of("csrf_token", csrf, "name", "from-elsewhere"), CROSS_SITE));
        assertThat(tokenNames()).doesNotContain("from-elsewhere");

        assertThat(alice.post("/account/tokens/", Map.of("csrf_token", csrf, "name", "from-here"), SAME_ORIGIN)
                .status()).isEqualTo(200);
        assertThat(alice.post("/account/tokens/", Map.of("csrf_token", csrf, "name", "from-a-script")).status())
                .isEqualTo(200);
        assertThat(tokenNames()).contains("from-here", "from-a-script").doesNotContain("from-elsewhere");
    }

    @Test
    void aManagementFormOfAnotherSiteChangesNothing() throws IOException {
        ManagePagesTest.project(server, tmp, "cross-site", "1.0");
        String page = "/manage/project/cross-site/";
        String csrf = alice.token(page);
        IndexState before = IndexState.of(server);

        refused(alice.post(page + "release/1.0/yank/", Map.of("csrf_token", csrf, "reason", "x"), CROSS_SITE));
        refused(alice.post(page + "delete/", Map.of("csrf_token", csrf, "confirm", "cross-site"), CROSS_SITE));
        assertThat(IndexState.of(server)).isEqualTo(before);

        Http.Response yanked = alice.post(page + "release/1.0/yank/", Map.of("csrf_token", csrf, "reason", "x"),
                SAME_ORIGIN);
        assertThat(yanked.status()).as(yanked.text()).isEqualTo(303);
        assertThat(IndexState.of(server).releases()).contains("cross-site 1.0 yanked: x");
    }

    @Test
    void aLoginOrALogoutFormOfAnotherSiteIsRefused() {
        Http.Response form = Http.get(server.uri("/account/login/"));
        String token = Jsoup.parse(form.text()).selectFirst("input[name=csrf_token]").attr("value");
        String loginCookie = WebForms.cookie(form, "cheeseshop_login_csrf").orElseThrow();
        Http.Response in = Http.send("POST", server.uri("/account/login/"), ("csrf_token=" + token
                + "&username=" + ALICE + "&password=" + ALICE_PASSWORD).getBytes(),
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", loginCookie, CROSS_SITE[0], CROSS_SITE[1]);
        refused(in);
        assertThat(in.headers().getOrDefault("Set-Cookie", List.of()))
                .noneSatisfy(c -> assertThat(c).startsWith("cheeseshop_session="));

        SignedIn own = SignedIn.logIn(server, ALICE, ALICE_PASSWORD);
        String csrf = own.token("/account/");
        refused(own.post("/account/logout/", Map.of("csrf_token", csrf), CROSS_SITE));
        assertThat(own.get("/account/").status()).as("still signed in").isEqualTo(200);
        assertThat(own.post("/account/logout/", Map.of("csrf_token", csrf), SAME_ORIGIN).status()).isEqualTo(303);
        assertThat(own.get("/account/").status()).as("signed out: sent to log in").isEqualTo(303);
    }
}
