package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Basic credentials are read from the header, and their password never shows when printed. */
class BasicCredentialsTest {
    private static Optional<String> header(String userColonPassword) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheUsernameAndThePasswordAfterTheFirstColon() {
        assertThat(BasicCredentials.parse(header("alice:s3cret:with-colon")))
                .contains(new BasicCredentials("alice", "s3cret:with-colon"));
    }

    @Test
    void toStringNamesTheUserButNeverThePassword() {
        BasicCredentials credentials = BasicCredentials.parse(header("alice:hunter2-Secret")).orElseThrow();

        assertThat(credentials.toString()).contains("alice").doesNotContain("hunter2-Secret");
        assertThat(String.valueOf(Optional.of(credentials))).doesNotContain("hunter2-Secret");
        assertThat(String.format("%s", credentials)).doesNotContain("hunter2-Secret");
    }
}
