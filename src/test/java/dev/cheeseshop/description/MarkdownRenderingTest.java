package dev.cheeseshop.description;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Markdown as GitHub renders it, feature by feature. Each expected fragment is written by hand
 * from the GFM spec (github.github.com/gfm) and readme_renderer's conventions (links get
 * {@code rel="nofollow"}), not taken from the renderer, and compared by structure
 * ({@link HtmlShape}). Python's {@code markdown} module is not on the machine, so no independent
 * renderer writes these.
 */
class MarkdownRenderingTest {
    private static final DescriptionRenderer RENDERER = new DescriptionRenderer();

    static Stream<Arguments> gfm() {
        return Stream.of(
                Arguments.of("table with alignment", "| a | b |\n|---|:-:|\n| 1 | 2 |\n",
                        "<table><thead><tr><th>a</th><th align=\"center\">b</th></tr></thead>"
                                + "<tbody><tr><td>1</td><td align=\"center\">2</td></tr></tbody></table>"),
                Arguments.of("fenced code with a language", "```python\nprint(1 < 2)\n```\n",
                        "<pre><code class=\"language-python\">print(1 &lt; 2)\n</code></pre>"),
                Arguments.of("fenced code without a language", "```\nx\n```\n", "<pre><code>x\n</code></pre>"),
                Arguments.of("a bare URL autolinked", "see https://example.com/a?b=1 now\n",
                        "<p>see <a href=\"https://example.com/a?b=1\" rel=\"nofollow\">https://example.com/a?b=1</a>"
                                + " now</p>"),
                Arguments.of("strikethrough", "~~gone~~ kept\n", "<p><del>gone</del> kept</p>"),
                Arguments.of("headings with anchors", "# Title\n\n## Sub Part\n",
                        "<h1 id=\"title\">Title</h1><h2 id=\"sub-part\">Sub Part</h2>"),
                Arguments.of("nested lists", "- a\n  - b\n  - c\n- d\n",
                        "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>"),
                Arguments.of("an ordered list's start", "3. a\n4. b\n", "<ol start=\"3\"><li>a</li><li>b</li></ol>"),
                Arguments.of("inline code", "use `x < y` here\n", "<p>use <code>x &lt; y</code> here</p>"),
                Arguments.of("a link with a title", "[text](https://example.com/p \"The title\")\n",
                        "<p><a href=\"https://example.com/p\" title=\"The title\" rel=\"nofollow\">text</a></p>"),
                Arguments.of("a relative link to an anchor", "[up](#title)\n",
                        "<p><a href=\"#title\" rel=\"nofollow\">up</a></p>"),
                Arguments.of("an image", "![the alt](https://example.com/i.png)\n",
                        "<p><img src=\"https://example.com/i.png\" alt=\"the alt\"></p>"),
                Arguments.of("emphasis and strong", "*a* **b** _c_\n", "<p><em>a</em> <strong>b</strong> <em>c</em></p>"),
                Arguments.of("a blockquote", "> quoted\n", "<blockquote><p>quoted</p></blockquote>"),
                Arguments.of("an email autolink", "<me@example.com>\n",
                        "<p><a href=\"mailto:me@example.com\" rel=\"nofollow\">me@example.com</a></p>"),
                Arguments.of("allowed raw HTML kept", "<details><summary>More</summary>\n\nbody\n\n</details>\n",
                        "<details><summary>More</summary><p>body</p></details>"),
                Arguments.of("a hard line break", "a  \nb\n", "<p>a<br>b</p>"),
                Arguments.of("a thematic break", "a\n\n---\n\nb\n", "<p>a</p><hr><p>b</p>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gfm")
    void gfmRendersAsGitHubDoes(String feature, String markdown, String expected) {
        RenderedDescription rendered = RENDERER.render(markdown, "text/markdown");

        assertThat(rendered.renderer()).isEqualTo("markdown");
        assertThat(rendered.problem()).isEmpty();
        assertThat(HtmlShape.of(rendered.html())).as(rendered.html()).isEqualTo(HtmlShape.of(expected));
    }

    @Test
    void gfmIsTheDefaultVariantAndNamedOneToo() {
        String markdown = "~~x~~ https://example.com\n";
        String expected = "<p><del>x</del> <a href=\"https://example.com\" rel=\"nofollow\">https://example.com</a></p>";

        assertThat(HtmlShape.of(RENDERER.render(markdown, "text/markdown; charset=UTF-8; variant=GFM").html()))
                .isEqualTo(HtmlShape.of(expected));
        assertThat(HtmlShape.of(RENDERER.render(markdown, "TEXT/Markdown").html())).isEqualTo(HtmlShape.of(expected));
    }

    @Test
    void commonMarkHasNoGitHubExtensions() {
        RenderedDescription rendered = RENDERER.render("~~x~~ https://example.com\n\n| a |\n|---|\n| 1 |\n",
                "text/markdown; variant=CommonMark");

        assertThat(rendered.renderer()).isEqualTo("markdown");
        assertThat(HtmlShape.of(rendered.html())).isEqualTo(HtmlShape.of(
                "<p>~~x~~ https://example.com</p><p>| a |\n|---|\n| 1 |</p>"));
    }

    @Test
    void anUnknownVariantIsPlainTextWithANote() {
        RenderedDescription rendered = RENDERER.render("# *x*", "text/markdown; variant=Wiki");

        assertThat(rendered.renderer()).isEqualTo("plain");
        assertThat(rendered.problem()).hasValueSatisfying(note -> assertThat(note)
                .contains("could not be rendered as Markdown").contains("Wiki").endsWith("shown as plain text."));
        assertThat(HtmlShape.of(rendered.html())).isEqualTo(HtmlShape.of("<pre># *x*</pre>"));
    }
}
