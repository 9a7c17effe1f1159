package dev.cheeseshop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSecretsTest {
    @Test
    void aSecretIsPypiDashAnd32RandomBytesInUnpaddedBase64url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = TokenSecrets.generate();
            assertThat(token).startsWith("pypi-").hasSize(5 + 43).doesNotContain("=", "+", "/");
            assertThat(Base64.getUrlDecoder().decode(token.substring(5))).hasSize(32);
            assertThat(TokenSecrets.wellFormed(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void theDigestIsTheHexSha256OfTheWholeToken() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(TokenSecrets.digest("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenSecrets.sameDigest(TokenSecrets.digest("abc"), TokenSecrets.digest("abc"))).isTrue();
        assertThat(TokenSecrets.sameDigest(TokenSecrets.digest("abc"), TokenSecrets.digest("abd"))).isFalse();
    }

    @Test
    void onlyTheShapeWeHandOutIsLookedUp() {
        assertThat(TokenSecrets.wellFormed(null)).isFalse();
        assertThat(TokenSecrets.wellFormed("pypi-")).isFalse();
        assertThat(TokenSecrets.wellFormed("pypi-short")).isFalse();
        assertThat(TokenSecrets.wellFormed("PYPI-" + "a".repeat(43))).isFalse();
        assertThat(TokenSecrets.wellFormed("pypi-" + "a".repeat(42) + "+")).isFalse();
        assertThat(TokenSecrets.wellFormed("pypi-" + "a".repeat(301))).isFalse();
        assertThat(TokenSecrets.wellFormed("pypi-" + "a".repeat(43))).isTrue();
    }
}
