package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a client sends can never break a log line: every control character becomes an escape. */
class LogSafeTest {
    @Test
    void ordinaryTextIsUnchanged() {
        String path = "/simple/démo-pkg/ ~!@#$%^&*()_+";
        assertThat(LogSafe.text(path)).isSameAs(path);
    }

    @Test
    void lineBreaksAndTabsBecomeTheirEscapes() {
        assertThat(LogSafe.text("/a\nERROR forged\r\tline")).isEqualTo("/a\\nERROR forged\\r\\tline");
    }

    @Test
    void otherC0C1AndUnicodeLineControlsBecomeUnicodeEscapes() {
        assertThat(LogSafe.text("a\u0000b\u001bc\u007fd\u0085e\u009bf\u2028g\u2029h"))
                .isEqualTo("a\\u0000b\\u001bc\\u007fd\\u0085e\\u009bf\\u2028g\\u2029h");
    }

    @Test
    void aBackslashIsDoubledSoEscapesAreUnambiguous() {
        assertThat(LogSafe.text("a\\nb")).isEqualTo("a\\\\nb");
    }

    @Test
    void nullIsNamed() {
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }
}
