package dev.cheeseshop.description;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * reStructuredText as docutils renders it with readme_renderer's settings. The expected HTML comes
 * from docutils run here by another route ({@code publish_parts} with the stock {@code html4css1}
 * writer, the settings written out below), compared by structure on the elements the allow-list
 * keeps; and the failures pypi.org refuses to render (docutils warnings, raw HTML, file
 * inclusion) or that Cheeseshop bounds (size) come back as plain text with a note.
 */
class RstRenderingTest {
    private static final DescriptionRenderer RENDERER = new DescriptionRenderer();
    private static final List<String> KEPT = List.of("h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "pre", "a",
            "table", "thead", "tbody", "tr", "td", "th", "em", "strong", "tt", "code", "blockquote", "dl", "dt", "dd");
    private static final String DOCUTILS = String.join("\n",
            "import sys, docutils.core",
            "src = sys.stdin.buffer.read().decode('utf-8')",
            "settings = {'initial_header_level': 2, 'doctitle_xform': True, 'sectsubtitle_xform': True,",
            "    'syntax_highlight': 'short', 'report_level': 5, 'halt_level': 2, 'raw_enabled': False,",
            "    'file_insertion_enabled': False, 'smart_quotes': True, 'cloak_email_addresses': True,",
            "    'strip_comments': True, 'math_output': 'MathJax', 'field_name_limit': 0}",
            "parts = docutils.core.publish_parts(src, writer_name='html4css1', settings_overrides=settings)",
            "sys.stdout.buffer.write((parts['docinfo'] + parts['fragment']).encode('utf-8'))");

    private static String docutils(String source) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", DOCUTILS).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(source.getBytes(StandardCharsets.UTF_8));
        }
        String html = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("docutils run by the test").isZero();
        return html;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // sections below a document title (the title itself is not part of the body, as on pypi.org)
        "Project\n=======\n\nIntro *text* and **strong**.\n\nInstall\n-------\n\nRun it.\n\nUsage\n-----\n\nMore.\n",
        // lists
        "- one\n- two\n\n  - nested\n\n1. first\n2. second\n\nterm\n    definition\n",
        // code blocks: literal, and highlighted by Pygments
        "Example::\n\n    x = 1 < 2\n\n.. code:: python\n\n    def f():\n        return 'x'\n",
        // links: named, inline, anonymous, a bare URL, an email address
        "See `the docs <https://example.com/docs>`_, Python_ and `this`__.\n\n.. _Python: https://www.python.org/\n\n"
                + "__ https://example.org/a?b=1&c=2\n\nhttps://example.net/x and me@example.com\n",
        // tables: grid and simple
        "+-----+-----+\n| a   | b   |\n+=====+=====+\n| 1   | 2   |\n+-----+-----+\n\n=====  =====\nx      y\n=====  =====\n"
                + "3      4\n=====  =====\n",
        // typographic quotes and dashes, a block quote
        "\"Quoted\" -- and --- dashes...\n\n    an indented block quote\n"})
    void rendersAsDocutilsDoes(String source) throws Exception {
        RenderedDescription rendered = RENDERER.render(source, "text/x-rst");

        assertThat(rendered.problem()).isEmpty();
        assertThat(rendered.renderer()).isEqualTo("rst");
        assertThat(HtmlShape.of(rendered.html(), KEPT)).as(rendered.html())
                .isEqualTo(HtmlShape.of(docutils(source), KEPT));
    }

    @Test
    void theBodyOnlyWithoutDocutilsDocumentWrapper() {
        RenderedDescription rendered = RENDERER.render("Title\n=====\n\nBody.\n", null);

        assertThat(HtmlShape.of(rendered.html())).containsExactly("<p>", "'Body.'", "</p>");
    }

    @Test
    void invalidMarkupIsPlainTextWithDocutilsReason() {
        String source = "Title\n===\n\n`unclosed";

        RenderedDescription rendered = RENDERER.render(source, "text/x-rst");

        assertThat(rendered.renderer()).isEqualTo("plain");
        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " <string>:4: (WARNING/2) Inline interpreted text or phrase reference start-string without"
                + " end-string; it is shown as plain text.");
        assertThat(Jsoup.parseBodyFragment(rendered.html()).selectFirst("pre").wholeText()).isEqualTo(source);
    }

    @Test
    void rawHtmlIsRefusedNotRendered() {
        String source = "Hello\n\n.. raw:: html\n\n   <script>alert(1)</script><b onclick=\"x()\">b</b>\n";

        RenderedDescription rendered = RENDERER.render(source, "text/x-rst");

        assertThat(rendered.renderer()).isEqualTo("plain");
        assertThat(rendered.problem()).hasValueSatisfying(note -> assertThat(note).contains("\"raw\" directive disabled"));
        assertThat(Jsoup.parseBodyFragment(rendered.html()).select("script, b")).isEmpty();
        assertThat(Jsoup.parseBodyFragment(rendered.html()).selectFirst("pre").wholeText()).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {".. include:: /etc/passwd\n", ".. include:: /etc/passwd\n   :literal:\n",
        ".. csv-table:: x\n   :file: /etc/passwd\n", ".. raw:: html\n   :file: /etc/passwd\n",
        ".. raw:: html\n   :url: file:///etc/passwd\n"})
    void filesAreNeverRead(String source) {
        RenderedDescription rendered = RENDERER.render(source, "text/x-rst");

        assertThat(rendered.renderer()).isEqualTo("plain");
        assertThat(rendered.problem()).isPresent();
        assertThat(rendered.html()).doesNotContain("root:").doesNotContain("/bin/");
    }

    @Test
    void aTextOverTheInputLimitIsPlainWithANote() {
        String huge = "word ".repeat((1 << 20) / 5 + 1);

        RenderedDescription rendered = RENDERER.render(huge, "text/x-rst");

        assertThat(rendered.renderer()).isEqualTo("plain");
        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " it is larger than 1048576 bytes; it is shown as plain text.");
        assertThat(Jsoup.parseBodyFragment(rendered.html()).selectFirst("pre").wholeText().equals(huge))
                .as("the text as typed").isTrue();
    }

    @Test
    void aTextJustUnderTheInputLimitIsRendered() {
        String line = "abcdefghijklmnopqrstuvwxyz ".repeat(3) + "\n"; // 82 bytes (docutils refuses lines over 10,000)
        String text = line.repeat((1 << 20) / line.length());

        RenderedDescription rendered = RENDERER.render(text, "text/x-rst");

        assertThat(rendered.problem()).isEmpty();
        assertThat(rendered.renderer()).isEqualTo("rst");
        String paragraph = Jsoup.parseBodyFragment(rendered.html()).selectFirst("p").text();
        assertThat(paragraph.equals(text.replaceAll("\\s+", " ").strip())).as("the paragraph is the text").isTrue();
    }
}
