package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import dev.cheeseshop.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PEP 503 pages against goldens that Jinja2 rendered from the same data with autoescape on,
 * from templates written after warehouse-http.md §2.3 and §2.4 (pypi.org's frozen HTML), with
 * file URLs relative to the page (src/test/resources/golden/generate_simple.py).
 */
class SimpleHtmlTest {
    @Test
    void projectPageMatchesPypiByteForByte() {
        assertThat(new String(SimpleHtml.project(SimpleFixture.page()), StandardCharsets.UTF_8))
                .isEqualTo(Goldens.text("simple-project.html"));
    }

    @Test
    void projectPageEtagIsWhatWebObMakesOfItsBytes() {
        assertThat(Rendered.of(SimpleHtml.project(SimpleFixture.page()), Serial.of(7)).etag())
                .isEqualTo(Goldens.etag("simple-project.html"));
    }

    /** A reserved name's page: 200 with no files and no versions, as pypi.org answers a project without releases. */
    @Test
    void aProjectWithNoReleaseIsAPageWithNoFiles() {
        byte[] page = SimpleHtml.project(SimpleFixture.emptyPage());
        assertThat(new String(page, StandardCharsets.UTF_8)).isEqualTo(Goldens.text("simple-project-empty.html"));
        assertThat(Rendered.of(page, Serial.of(12)).etag()).isEqualTo(Goldens.etag("simple-project-empty.html"));
    }

    @Test
    void indexMatchesPypiByteForByte() {
        String html = SimpleHtml.indexHead()
                + SimpleHtml.indexRow(new ProjectListing("Foo.Bar", "foo-bar", Serial.of(3)))
                + SimpleHtml.indexRow(new ProjectListing("zope", "zope", Serial.of(4)))
                + SimpleHtml.indexTail();
        assertThat(html).isEqualTo(Goldens.text("simple-index.html"));
        assertThat(Rendered.etagOf(html.getBytes(StandardCharsets.UTF_8))).isEqualTo(Goldens.etag("simple-index.html"));
    }

    @Test
    void displayNamesAndFilenamesAreEscaped() {
        assertThat(SimpleHtml.indexRow(new ProjectListing("a<b", "a-b", Serial.NONE)))
                .isEqualTo("<a href=\"/simple/a-b/\">a&lt;b</a>\n");
    }

    @Test
    void fileUrlsArePercentEncodedPathSegments() {
        FileLink odd = SimpleFixture.link("foo bar#1+x.tar.gz", "1.0", 'a', 100, "2024-11-06T22:37:09Z",
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(SimpleHtml.fileUrl(odd)).isEqualTo("../../packages/" + SimpleFixture.PATH + "foo%20bar%231+x.tar.gz");
    }
}
