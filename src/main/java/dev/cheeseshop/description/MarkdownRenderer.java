package dev.cheeseshop.description;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown as readme_renderer renders it with cmark-gfm: GitHub-flavoured by default (tables,
 * strikethrough, bare URLs as links), plain CommonMark for {@code variant=CommonMark}. Raw HTML
 * passes through (cmark-gfm's "unsafe" option, as readme_renderer sets it): the sanitiser, not the
 * Markdown renderer, decides what stays. Headings get ids (commonmark-java's heading-anchor
 * extension) so that a README's table of contents links work; fenced code keeps
 * {@code class="language-xxx"}. Parser and renderer are immutable and thread-safe.
 */
final class MarkdownRenderer {
    private static final List<Extension> GFM = List.of(TablesExtension.create(), StrikethroughExtension.create(),
            AutolinkExtension.create(), HeadingAnchorExtension.create());

    private final Parser gfmParser = Parser.builder().extensions(GFM).build();
    private final HtmlRenderer gfmRenderer = HtmlRenderer.builder().extensions(GFM).build();
    private final Parser commonMarkParser = Parser.builder().build();
    private final HtmlRenderer commonMarkRenderer = HtmlRenderer.builder().build();

    String gfm(String text) {
        return DescriptionSanitizer.sanitize(gfmRenderer.render(gfmParser.parse(text)));
    }

    String commonMark(String text) {
        return DescriptionSanitizer.sanitize(commonMarkRenderer.render(commonMarkParser.parse(text)));
    }
}
