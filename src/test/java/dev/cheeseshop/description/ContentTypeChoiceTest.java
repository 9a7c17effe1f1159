package dev.cheeseshop.description;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The renderer chosen by the content type, as Warehouse's {@code utils/readme.py} chooses:
 * reStructuredText when there is none, plain text for {@code text/plain} and for any type it does
 * not know. One text tells them apart: {@code *a*} is emphasis in Markdown and reStructuredText,
 * and stays as typed in plain text.
 */
class ContentTypeChoiceTest {
    private static final DescriptionRenderer RENDERER = new DescriptionRenderer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | rst", "'' | rst", "text/x-rst | rst", "text/x-rst; charset=UTF-8 | rst", "TEXT/X-RST | rst",
        "text/markdown | markdown", "text/markdown; variant=CommonMark | markdown",
        "text/plain | plain", "text/plain; charset=utf-8 | plain", "text/html | plain", "application/json | plain"})
    void theContentTypeChoosesTheRenderer(String contentType, String renderer) {
        RenderedDescription rendered = RENDERER.render("*a*\n", contentType);

        assertThat(rendered.renderer()).isEqualTo(renderer);
        assertThat(rendered.problem()).isEmpty();
        assertThat(HtmlShape.of(rendered.html())).isEqualTo(HtmlShape.of(
                renderer.equals("plain") ? "<pre>*a*\n</pre>" : "<p><em>a</em></p>"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noDescriptionIsEmptyHtml(String text) {
        for (String type : new String[] {null, "text/x-rst", "text/markdown", "text/plain"}) {
            RenderedDescription rendered = RENDERER.render(text, type);
            assertThat(rendered.html()).isEmpty();
            assertThat(rendered.renderer()).isEqualTo("empty");
            assertThat(rendered.problem()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/unknown"})
    void plainTextIsEscapedAndKeptAsTyped(String type) {
        String text = "a <b> & 'c' \"d\"\n    indented\n\u00e9\u2603";

        RenderedDescription rendered = RENDERER.render(text, type);

        assertThat(org.jsoup.Jsoup.parseBodyFragment(rendered.html()).select("pre").first().wholeText())
                .isEqualTo(text);
        assertThat(org.jsoup.Jsoup.parseBodyFragment(rendered.html()).body().children()).hasSize(1);
    }

    @Test
    void everyRenderingCarriesItsRendererName() {
        assertThat(RENDERER.render("x", "text/markdown").renderer()).isEqualTo(RenderedDescription.MARKDOWN);
        assertThat(RENDERER.render("x", "text/x-rst").renderer()).isEqualTo(RenderedDescription.RST);
        assertThat(RENDERER.render("x", "text/plain").renderer()).isEqualTo(RenderedDescription.PLAIN);
    }
}
