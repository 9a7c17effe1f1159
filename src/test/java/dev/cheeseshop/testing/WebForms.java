package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;

/**
 * Browser forms over plain HTTP, for tests: logging in through the login page as a browser does
 * (its CSRF token and cookie), and posting a form as {@code application/x-www-form-urlencoded}
 * with the session's cookie.
 */
public final class WebForms {
    private WebForms() {}

    /** Logs {@code user} in through {@code /account/login/}; answers the session's {@code Cookie} value. */
    public static String logIn(TestServer server, String user, String password) {
        return tryLogIn(server, user, password).orElseThrow(() -> new AssertionError(user + " could not log in"));
    }

    /** The session's {@code Cookie} value if the login page accepts {@code password}, else empty. */
    public static Optional<String> tryLogIn(TestServer server, String user, String password) {
        Http.Response form = Http.get(server.uri("/account/login/"));
        String token = Jsoup.parse(form.text()).selectFirst("input[name=csrf_token]").attr("value");
        Http.Response in = post(server, "/account/login/", Map.of("csrf_token", token, "username", user,
                "password", password), cookie(form, "cheeseshop_login_csrf").orElseThrow());
        if (in.status() != 303) {
            assertThat(in.status()).as(in.text()).isEqualTo(200);
            return Optional.empty();
        }
        return Optional.of(cookie(in, "cheeseshop_session").orElseThrow());
    }

    /** Posts {@code fields} to {@code path} with the {@code Cookie} header {@code cookie} (null: none). */
    public static Http.Response post(TestServer server, String path, Map<String, String> fields, String cookie) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return cookie == null
                ? Http.send("POST", server.uri(path), bytes, "Content-Type", "application/x-www-form-urlencoded")
                : Http.send("POST", server.uri(path), bytes, "Content-Type", "application/x-www-form-urlencoded",
                        "Cookie", cookie);
    }

    /** {@code name=value} of the cookie {@code name} the response sets, if it sets one. */
    public static Optional<String> cookie(Http.Response response, String name) {
        return response.headers().getOrDefault("Set-Cookie", java.util.List.of()).stream()
                .filter(c -> c.startsWith(name + "=")).findFirst().map(c -> c.substring(0, c.indexOf(';')));
    }
}
