package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasonPhraseTest {
    @Test
    void latin1TextPassesUnchanged() {
        assertThat(ReasonPhrase.sanitize("File already exists ('café-1.0.tar.gz')"))
                .isEqualTo("File already exists ('café-1.0.tar.gz')");
    }

    @Test
    void otherCharactersBecomeQuestionMarksAsOnPypi() {
        assertThat(ReasonPhrase.sanitize("naïve ☃ 名")).isEqualTo("naïve ? ?");
    }

    @Test
    void lineBreaksCannotInjectHeaders() {
        assertThat(ReasonPhrase.sanitize("bad\r\nSet-Cookie: x=1")).isEqualTo("bad  Set-Cookie: x=1");
    }

    @Test
    void controlCharactersAreReplaced() {
        assertThat(ReasonPhrase.sanitize("a\u0000b\u0085c")).isEqualTo("a?b?c");
    }

    @Test
    void veryLongMessagesAreCut() {
        assertThat(ReasonPhrase.sanitize("x".repeat(5000))).hasSize(1024);
    }
}
