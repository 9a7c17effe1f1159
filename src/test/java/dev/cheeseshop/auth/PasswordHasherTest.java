package dev.cheeseshop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Small parameters keep the test quick; the format and the checks are the same. */
    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1);

    @Test
    void hashesVerifyTheirPasswordOnly() {
        String hash = hasher.hash("correct horse");
        assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("correct horsf", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void theDefaultsAreOwaspsArgon2id() {
        assertThat(new PasswordHasher().hash("x")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void aHashMadeWithOtherParametersStillVerifies() {
        String stronger = new PasswordHasher(128, 2, 2).hash("pw");
        assertThat(hasher.verify("pw", stronger)).isTrue();
    }

    @Test
    void malformedHashesNeverVerify() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "plaintext")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
    }
}
