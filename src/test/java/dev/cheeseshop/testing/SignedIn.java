package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;

/**
 * A browser's part in the web forms, over plain HTTP: logging in through the login form (its
 * token and cookie), then GETs and form POSTs with the session's cookie.
 */
public final class SignedIn {
    private final TestServer server;
    private final String cookie;

    private SignedIn(TestServer server, String cookie) {
        this.server = server;
        this.cookie = cookie;
    }

    /** Logs {@code username} in through {@code /account/login/} as a browser does. */
    public static SignedIn logIn(TestServer server, String username, String password) {
        Http.Response form = Http.get(server.uri("/account/login/"));
        String token = Jsoup.parse(form.text()).selectFirst("input[name=csrf_token]").attr("value");
        Http.Response in = post(server, "/account/login/", Map.of("csrf_token", token, "username", username,
                "password", password), cookie(form, "cheeseshop_login_csrf"));
        assertThat(in.status()).as("login of %s", username).isEqualTo(303);
        return new SignedIn(server, cookie(in, "cheeseshop_session"));
    }

    /** The {@code Cookie} header value of this session. */
    public String cookie() {
        return cookie;
    }

    public Http.Response get(String path) {
        return Http.get(server.uri(path), "Cookie", cookie);
    }

    /** The session's CSRF token, as the page at {@code path} carries it in its forms. */
    public String token(String path) {
        Http.Response page = get(path);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        return Jsoup.parse(page.text()).selectFirst("main input[name=csrf_token], nav input[name=csrf_token]")
                .attr("value");
    }

    /** A form POST of {@code fields} (in this order) with the session's cookie. */
    public Http.Response post(String path, Map<String, String> fields) {
        return post(server, path, fields, cookie);
    }

    /** As {@link #post(String, Map)}, with further request headers ({@code name, value, ...}). */
    public Http.Response post(String path, Map<String, String> fields, String... headers) {
        return post(server, path, fields, cookie, headers);
    }

    static Http.Response post(TestServer server, String path, Map<String, String> fields, String cookie,
            String... headers) {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String[] all = new String[4 + headers.length];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        all[2] = "Cookie";
        all[3] = cookie;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return Http.send("POST", server.uri(path), body.getBytes(StandardCharsets.UTF_8), all);
    }

    /** {@code name=value} of the cookie {@code name} the response sets. */
    static String cookie(Http.Response response, String name) {
        String set = response.headers().get("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }
}
