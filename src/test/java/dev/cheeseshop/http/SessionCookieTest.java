package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.index.PublicUrl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cookies' names and attributes, and reading a {@code Cookie} header that may hold anything. */
class SessionCookieTest {
    private static final String V1 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String V2 = "abcdefghijklmnopqrstuvwxyz-_0123456789ABCDE";

    @Test
    void onHttpTheCookiesAreHttpOnlyLaxOnTheWholeSiteAndNotSecure() {
        SessionCookie cookies = SessionCookie.forSite(null, WebSessions.Lifetimes.DEFAULT);

        assertThat(cookies.secure()).isFalse();
        assertThat(cookies.sessionSetCookie(V1))
                .isEqualTo("cheeseshop_session=" + V1 + "; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax");
        assertThat(cookies.sessionClearCookie()).isEqualTo("cheeseshop_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        assertThat(cookies.loginCsrfSetCookie(V2))
                .isEqualTo("cheeseshop_login_csrf=" + V2 + "; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax");
        assertThat(cookies.loginCsrfClearCookie())
                .isEqualTo("cheeseshop_login_csrf=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        assertThat(SessionCookie.forSite(PublicUrl.parse("http://pypi.example.org/"), WebSessions.Lifetimes.DEFAULT)
                .secure()).isFalse();
    }

    @Test
    void onHttpsTheyAreSecureAndHostPrefixed() {
        SessionCookie cookies = SessionCookie.forSite(PublicUrl.parse("HTTPS://pypi.example.org/index/"),
                new WebSessions.Lifetimes(Duration.ofHours(1), Duration.ofDays(2)));

        assertThat(cookies.secure()).isTrue();
        assertThat(cookies.sessionName()).isEqualTo("__Host-cheeseshop_session");
        assertThat(cookies.sessionSetCookie(V1))
                .isEqualTo("__Host-cheeseshop_session=" + V1 + "; Path=/; Max-Age=172800; HttpOnly; SameSite=Lax; Secure");
        assertThat(cookies.sessionClearCookie())
                .isEqualTo("__Host-cheeseshop_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
        assertThat(cookies.loginCsrfSetCookie(V2))
                .isEqualTo("__Host-cheeseshop_login_csrf=" + V2 + "; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure");
        assertThat(cookies.loginCsrfClearCookie())
                .isEqualTo("__Host-cheeseshop_login_csrf=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void theNamedCookieIsFoundAmongOthers() {
        assertThat(SessionCookie.read(List.of("a=b; cheeseshop_session=" + V1 + "; c=d"), "cheeseshop_session"))
                .contains(V1);
        assertThat(SessionCookie.read(List.of("cheeseshop_session=" + V1), "cheeseshop_session")).contains(V1);
        assertThat(SessionCookie.read(List.of("a=b", "  cheeseshop_session = " + V1 + " "), "cheeseshop_session"))
                .as("one header per cookie, as HTTP/2 sends them; spaces around").contains(V1);
        assertThat(SessionCookie.read(List.of("cheeseshop_session=\"" + V1 + "\""), "cheeseshop_session"))
                .as("a quoted value").contains(V1);
    }

    @Test
    void malformedAndForeignCookiesAreIgnored() {
        String name = "cheeseshop_session";
        assertThat(SessionCookie.read(List.of(), name)).isEmpty();
        assertThat(SessionCookie.read(List.of(""), name)).isEmpty();
        assertThat(SessionCookie.read(List.of(";;;=;" + name + ";" + name + "="), name)).isEmpty();
        assertThat(SessionCookie.read(List.of(name + "=short"), name)).isEmpty();
        assertThat(SessionCookie.read(List.of(name + "=" + V1 + "A"), name)).isEmpty();
        assertThat(SessionCookie.read(List.of(name + "=" + V1.substring(1) + "+"), name)).isEmpty();
        assertThat(SessionCookie.read(List.of(name + "=\"" + V1), name)).isEmpty();
        assertThat(SessionCookie.read(List.of("x" + name + "=" + V1, name + "x=" + V1, "Cheeseshop_Session=" + V1), name))
                .as("other names").isEmpty();
        assertThat(SessionCookie.read(List.of("__Host-" + name + "=" + V1), name)).isEmpty();
        assertThat(SessionCookie.read(List.of(name + "=" + V1), "__Host-" + name))
                .as("on https, an unprefixed cookie (which anyone could have planted) is not read").isEmpty();
    }

    @Test
    void theFirstWellFormedValueWins() {
        assertThat(SessionCookie.read(List.of("cheeseshop_session=junk; cheeseshop_session=" + V2
                + "; cheeseshop_session=" + V1), "cheeseshop_session")).isEqualTo(Optional.of(V2));
    }
}
