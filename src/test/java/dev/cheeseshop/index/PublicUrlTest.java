package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The public base URL: what is accepted, its normal form, and the links built on it. */
class PublicUrlTest {
    @ParameterizedTest
    @CsvSource({
        "https://pypi.example.org,            https://pypi.example.org/",
        "https://pypi.example.org/,           https://pypi.example.org/",
        "HTTPS://PyPI.Example.org:8443,       https://pypi.example.org:8443/",
        "http://127.0.0.1:8080/,              http://127.0.0.1:8080/",
        "http://[::1]:8080,                   http://[::1]:8080/",
        "https://example.org/pypi,            https://example.org/pypi/",
        "https://example.org/my%20index/,     https://example.org/my%20index/",
    })
    void isKeptWithATrailingSlashAndALowerCaseSchemeAndHost(String given, String root) {
        assertThat(PublicUrl.parse(given).root()).isEqualTo(root);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pypi.example.org", "/relative/path", "ftp://example.org/", "file:///tmp/x",
        "https://", "https:///path", "https://user:secret@example.org/", "https://example.org/?x=1",
        "https://example.org/?", "https://example.org/#top", "https://exa mple.org/", "http://example.org:port/",
        "mailto:someone@example.org"})
    void anythingButAnAbsoluteHttpUrlWithoutQueryOrFragmentIsRefusedWithAReason(String given) {
        assertThatThrownBy(() -> PublicUrl.parse(given)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n").message().isNotBlank();
    }

    @Test
    void linksAreAbsoluteUnderThePrefix() {
        PublicUrl url = PublicUrl.parse("https://example.org/pypi");
        assertThat(url.project("foo-bar")).isEqualTo("https://example.org/pypi/project/foo-bar/");
        assertThat(url.release("foo-bar", "1!2.0rc1.post3.dev4")).isEqualTo(
                "https://example.org/pypi/project/foo-bar/1!2.0rc1.post3.dev4/");
        assertThat(url.resolve("/rss/updates.xml")).isEqualTo("https://example.org/pypi/rss/updates.xml");
        assertThat(url.release("x", "a/b c")).isEqualTo("https://example.org/pypi/project/x/a%2Fb%20c/");
    }

    @Test
    void theServedAddressIsAPublicUrlToo() {
        assertThat(PublicUrl.of(URI.create("http://127.0.0.1:41234/")).root()).isEqualTo("http://127.0.0.1:41234/");
        assertThat(PublicUrl.of(URI.create("http://127.0.0.1:41234/")))
                .isEqualTo(PublicUrl.parse("http://127.0.0.1:41234"));
    }
}
