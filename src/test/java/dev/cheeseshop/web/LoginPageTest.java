package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.HtmlChecks;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logging in and out through the pages, as a browser does it: the form's CSRF token, the session
 * cookie's attributes, the header's account links on a cached page, and logout ending the session.
 */
class LoginPageTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLoginWithTheFormsTokenStartsASessionThatTheHeaderShowsAndLogoutEnds() {
        Http.Response form = Http.get(server.uri("/account/login/?next=/user/alice/"));
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Cache-Control")).isEqualTo("no-store");
        Document page = HtmlChecks.valid(form.text());
        String token = page.selectFirst("input[name=csrf_token]").attr("value");
        String csrfCookie = cookie(form, "cheeseshop_login_csrf");
        assertThat(page.selectFirst("input[name=next]").attr("value")).isEqualTo("/user/alice/");

        Http.Response in = post("/account/login/", Map.of("csrf_token", token, "username", TestServer.ALICE,
                "password", TestServer.ALICE_PASSWORD, "next", "/user/alice/"), csrfCookie);
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.header("Location")).isEqualTo("/user/alice/");
        String set = in.headers().get("Set-Cookie").stream().filter(c -> c.startsWith("cheeseshop_session="))
                .findFirst().orElseThrow();
        assertThat(set).contains("; HttpOnly").contains("; SameSite=Lax").contains("; Path=/").doesNotContain("Secure");
        String session = set.substring(0, set.indexOf(';'));

        Http.Response home = Http.get(server.uri("/"), "Cookie", session);
        Document signedIn = HtmlChecks.valid(home.text());
        assertThat(signedIn.select("nav.account a").eachText()).containsExactly("alice", "Account");
        assertThat(home.header("Cache-Control")).isEqualTo("private, no-cache");
        String logoutToken = signedIn.selectFirst("nav.account form input[name=csrf_token]").attr("value");
        Document anonymous = HtmlChecks.valid(Http.get(server.uri("/")).text());
        assertThat(anonymous.select("nav.account a").eachText()).containsExactly("Log in");

        assertThat(post("/account/logout/", Map.of(), session).status()).as("no token").isEqualTo(403);
        assertThat(post("/account/logout/", Map.of("csrf_token", "wrong"), session).status()).isEqualTo(403);
        Http.Response out = post("/account/logout/", Map.of("csrf_token", logoutToken), session);
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.headers().get("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("cheeseshop_session=;")
                .contains("Max-Age=0"));
        assertThat(HtmlChecks.valid(Http.get(server.uri("/"), "Cookie", session).text()).select("nav.account a")
                .eachText()).as("the old cookie names no session").containsExactly("Log in");
    }

    @Test
    void aLoginWithoutTheFormsTokenIsRefusedBeforeAnyPasswordIsChecked() {
        Http.Response form = Http.get(server.uri("/account/login/"));
        String csrfCookie = cookie(form, "cheeseshop_login_csrf");
        Http.Response none = post("/account/login/", Map.of("username", TestServer.ALICE,
                "password", TestServer.ALICE_PASSWORD), csrfCookie);
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.headers().getOrDefault("Set-Cookie", List.of())).noneSatisfy(c ->
                assertThat(c).startsWith("cheeseshop_session="));
        Http.Response other = post("/account/login/", Map.of("csrf_token", "made-up", "username", TestServer.ALICE,
                "password", TestServer.ALICE_PASSWORD), csrfCookie);
        assertThat(other.status()).isEqualTo(403);
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithOneMessageAndAForeignNextIsIgnored() {
        Http.Response form = Http.get(server.uri("/account/login/"));
        String token = HtmlChecks.valid(form.text()).selectFirst("input[name=csrf_token]").attr("value");
        String csrfCookie = cookie(form, "cheeseshop_login_csrf");
        Http.Response wrong = post("/account/login/", Map.of("csrf_token", token, "username", TestServer.ALICE,
                "password", "not-her-password"), csrfCookie);
        assertThat(wrong.status()).isEqualTo(200);
        Document again = HtmlChecks.valid(wrong.text());
        assertThat(again.selectFirst("[role=alert]").text()).isEqualTo("The username or the password is not right.");
        assertThat(again.selectFirst("input[name=username]").attr("value")).isEqualTo("alice");

        for (String next : List.of("//evil.example/", "https://evil.example/", "/\\evil.example/")) {
            Http.Response in = post("/account/login/", Map.of("csrf_token", token, "username", TestServer.ALICE,
                    "password", TestServer.ALICE_PASSWORD, "next", next), csrfCookie);
            assertThat(in.status()).as(next).isEqualTo(303);
            assertThat(in.header("Location")).as(next).isEqualTo("/account/");
        }
    }

    private static Http.Response post(String path, Map<String, String> fields, String cookie) {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return Http.send("POST", server.uri(path), body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
    }

    /** {@code name=value} of the cookie {@code name} the response sets. */
    private static String cookie(Http.Response response, String name) {
        String set = response.headers().get("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }
}
