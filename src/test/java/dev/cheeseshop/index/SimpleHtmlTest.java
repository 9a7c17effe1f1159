package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PEP 503 pages against the samples in warehouse-http.md §2.3 and §2.4 (pypi.org's frozen
 * HTML), with digests filled in and file URLs relative to the page.
 */
class SimpleHtmlTest {
    private static final String PATH = "01/23/456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/";
    private static final Instant T = Instant.parse("2024-11-06T22:37:09.220617Z");

    @Test
    void projectPageMatchesPypiByteForByte() throws IOException {
        ProjectPage page = new ProjectPage("foo-bar", "Foo.Bar", Serial.of(7), List.of(
                link("foo_bar-1.0.tar.gz", "1.0", 'a', Optional.empty(), Optional.empty(), Optional.empty()),
                link("foo_bar-1.0-py3-none-any.whl", "1.0", 'b', Optional.of("<4,>=3.8"),
                        Optional.of("bad \"build\" & <stuff>"), Optional.of("d".repeat(64))),
                link("foo_bar-2.0.tar.gz", "2.0", 'c', Optional.empty(), Optional.of(""), Optional.empty())),
                List.of("1.0", "2.0"));
        assertThat(new String(SimpleHtml.project(page), StandardCharsets.UTF_8)).isEqualTo(golden("simple-project.html"));
    }

    @Test
    void indexMatchesPypiByteForByte() throws IOException {
        String html = SimpleHtml.indexHead()
                + SimpleHtml.indexRow(new ProjectListing("Foo.Bar", "foo-bar", Serial.of(3)))
                + SimpleHtml.indexRow(new ProjectListing("zope", "zope", Serial.of(4)))
                + SimpleHtml.indexTail();
        assertThat(html).isEqualTo(golden("simple-index.html"));
    }

    @Test
    void displayNamesAndFilenamesAreEscaped() {
        assertThat(SimpleHtml.indexRow(new ProjectListing("a<b", "a-b", Serial.NONE)))
                .isEqualTo("<a href=\"/simple/a-b/\">a&lt;b</a>\n");
    }

    @Test
    void fileUrlsArePercentEncodedPathSegments() {
        FileLink odd = link("foo bar#1+x.tar.gz", "1.0", 'a', Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(SimpleHtml.fileUrl(odd)).isEqualTo("../../packages/" + PATH + "foo%20bar%231+x.tar.gz");
    }

    private static FileLink link(String filename, String version, char sha, Optional<String> requiresPython,
            Optional<String> yanked, Optional<String> metadata) {
        return new FileLink(filename, PATH + filename, version, String.valueOf(sha).repeat(64), 100, T,
                requiresPython, yanked, metadata);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SimpleHtmlTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
