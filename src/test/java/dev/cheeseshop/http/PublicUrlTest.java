package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** A configured public URL: http(s), host, optional path prefix; kept without a trailing slash. */
class PublicUrlTest {
    @Test
    void aFixedBaseIsUsedAsGivenWithoutTrailingSlashes() {
        assertThat(PublicUrl.of(URI.create("https://pypi.example.org")).base(null)).isEqualTo("https://pypi.example.org");
        assertThat(PublicUrl.of(URI.create("HTTPS://example.org:8443/py%20pi//")).base(null))
                .isEqualTo("https://example.org:8443/py%20pi");
    }

    @Test
    void anythingButAnHttpBaseIsRefused() {
        for (String bad : new String[] {"ftp://example.org", "example.org", "/relative", "https://example.org/?q=1",
            "https://example.org/#top"}) {
            assertThatThrownBy(() -> PublicUrl.of(URI.create(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
