package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.index.PublicUrl;
import org.junit.jupiter.api.Test;

/** A configured public URL is the JSON API's base, used as given without a trailing slash. */
class LinkBaseTest {
    @Test
    void aConfiguredPublicUrlIsTheBaseWithoutItsTrailingSlash() {
        assertThat(LinkBase.of(PublicUrl.parse("https://pypi.example.org")).base(null))
                .isEqualTo("https://pypi.example.org");
        assertThat(LinkBase.of(PublicUrl.parse("HTTPS://example.org:8443/py%20pi/")).base(null))
                .isEqualTo("https://example.org:8443/py%20pi");
    }
}
