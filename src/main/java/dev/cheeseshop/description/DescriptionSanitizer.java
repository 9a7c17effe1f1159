package dev.cheeseshop.description;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The allow-list every rendered description goes through, whatever made it: readme_renderer's
 * {@code clean.py} (what pypi.org lets through, there with bleach) as an OWASP policy. Elements
 * not listed are dropped with their tags, their text kept (a script's or a style's content is
 * dropped too); attributes not listed are dropped. URLs may be relative or use http, https or
 * mailto only; every link gets {@code rel="nofollow"}, as readme_renderer's linkify callback does.
 *
 * <p>Narrower than {@code clean.py} on purpose: no {@code input} (readme_renderer keeps disabled
 * checkboxes of task lists; a form control has no place in a description), {@code id} only on
 * what anchors need (headings, docutils' sections as {@code div}, footnotes as {@code table},
 * footnote references as {@code a}, {@code span}), not on every element, and the values of
 * {@code class}, {@code align}, {@code width}, {@code height} and {@code start} held to harmless
 * forms. No {@code style} anywhere ({@code clean.py} allows no styles either).
 */
public final class DescriptionSanitizer {
    private static final Pattern CLASSES = Pattern.compile("[A-Za-z0-9_ +#.-]{1,200}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final Pattern ALIGN = Pattern.compile("(?i)left|right|center|justify|top|middle|bottom");
    private static final Pattern SIZE = Pattern.compile("[0-9]{1,5}(\\.[0-9]{1,3})?(%|px)?");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol", "strong", "ul",
                    "br", "caption", "cite", "col", "colgroup", "dd", "del", "details", "div", "dl", "dt",
                    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "p", "pre", "span", "sub", "summary", "sup",
                    "table", "tbody", "td", "th", "thead", "tr", "tt", "kbd", "var")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("title").onElements("abbr", "acronym")
            .allowAttributes("id").matching(ID).onElements("h1", "h2", "h3", "h4", "h5", "h6", "div", "a", "table",
                    "span")
            .allowAttributes("class").matching(CLASSES).onElements("hr", "img", "span", "code")
            .allowAttributes("src", "alt").onElements("img")
            .allowAttributes("width", "height").matching(SIZE).onElements("img")
            .allowAttributes("align").matching(ALIGN).onElements("img", "th", "td", "div", "p",
                    "h1", "h2", "h3", "h4", "h5", "h6")
            .allowAttributes("start").matching(NUMBER).onElements("ol")
            .requireRelNofollowOnLinks()
            .toFactory();

    private DescriptionSanitizer() {}

    /** {@code html} with only what the allow-list keeps. */
    public static String sanitize(String html) {
        return POLICY.sanitize(html);
    }
}
