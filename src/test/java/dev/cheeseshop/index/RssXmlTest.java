package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pieces of the RSS rendering the golden feeds do not pin down. */
class RssXmlTest {
    private static final PublicUrl URL = PublicUrl.parse("https://pypi.example.org/");

    @Test
    void datesAreRfc822InGmtWithTwoDigitDaysAndNoFraction() {
        assertThat(RssXml.rfc822(Instant.parse("2024-01-01T00:00:00Z"))).isEqualTo("Mon, 01 Jan 2024 00:00:00 GMT");
        assertThat(RssXml.rfc822(Instant.parse("2026-09-06T23:59:59.999999Z"))).isEqualTo("Sun, 06 Sep 2026 23:59:59 GMT");
        assertThat(RssXml.rfc822(Instant.parse("1999-12-31T07:08:09Z"))).isEqualTo("Fri, 31 Dec 1999 07:08:09 GMT");
    }

    @Test
    void descriptionsLoseControlCharactersAndAnAbsentSummaryReadsNone() {
        assertThat(RssXml.description(Optional.of("a\tb\r\nc\u0000d\u001fe"))).isEqualTo("abcde");
        assertThat(RssXml.description(Optional.empty())).isEqualTo("None");
        assertThat(RssXml.description(Optional.of(""))).isEqualTo("");
    }

    @Test
    void textIsEscapedAsJinjaDoesAndCharactersXmlForbidsAreDropped() {
        assertThat(RssXml.text("<a href=\"x\">Tom & 'Jerry'</a>"))
                .isEqualTo("&lt;a href=&#34;x&#34;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
        assertThat(RssXml.text("ok\u0001\u0008\uFFFE\uFFFF\uD800!\t\n")).isEqualTo("ok!\t\n");
        assertThat(RssXml.text("\uD83D\uDC0D snake")).isEqualTo("\uD83D\uDC0D snake");
    }

    @Test
    void anAuthorWhoseAddressesAreNotAllValidIsLeftOut() {
        Feeds.Entry withAuthor = entry(Optional.of("Ann <ann@example.org>"));
        Feeds.Entry without = entry(Optional.of("Ann, ann@example.org"));
        String xml = new String(RssXml.updates(List.of(withAuthor, without), URL), StandardCharsets.UTF_8);
        assertThat(xml).containsOnlyOnce("<author>").contains("<author>ann@example.org</author>");
    }

    @Test
    void anEmptyFeedIsStillAChannel() {
        assertThat(new String(RssXml.packages(List.of(), URL), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n  <channel>\n"
                        + "    <title>PyPI newest packages</title>\n    <link>https://pypi.example.org/</link>\n"
                        + "    <description>Newest packages registered at the Python Package Index</description>\n"
                        + "    <language>en</language>  </channel>\n</rss>");
    }

    private static Feeds.Entry entry(Optional<String> author) {
        return new Feeds.Entry("demo", "demo", "1.0", Optional.of("summary"), author, Instant.EPOCH);
    }
}
