package dev.cheeseshop.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Journal actions are sanitised as PyPI's {@code _clean_for_xml} does (warehouse-xmlrpc.md §1.3). */
class XmlTextTest {
    @Test
    void asciiIsUnchanged() {
        String action = "add py3 file demo-1.0-py3-none-any.whl";
        assertThat(XmlText.sanitizeAction(action)).isSameAs(action);
    }

    @Test
    void nonAsciiBecomesADecimalReferenceAsText() {
        assertThat(XmlText.sanitizeAction("add Owner josé")).isEqualTo("add Owner jos&#233;");
        assertThat(XmlText.sanitizeAction("add Owner 😀")).isEqualTo("add Owner &#128512;");
    }

    @Test
    void controlCharactersIllegalInXmlAreDropped() {
        assertThat(XmlText.sanitizeAction("a\u0000b\u0008c\u000bd\u001fe\u007ff\tg\nh"))
                .isEqualTo("abcdef\tg\nh");
    }
}
