package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * A page parsed as a browser parses it (jsoup implements the WHATWG HTML parsing algorithm), held
 * to the rules a validator and an accessibility checker apply to what we write: no parse error,
 * the HTML5 doctype, a language, a UTF-8 charset early, a title, unique ids, one banner, main and
 * contentinfo landmark, one {@code h1} and headings that never skip a level, labels that point at
 * something, links with a target and a text, table header cells with a scope.
 */
public final class HtmlChecks {
    private HtmlChecks() {}

    /** Parses {@code html}, asserts the rules, and answers the document for further questions. */
    public static Document valid(String html) {
        Parser parser = Parser.htmlParser().setTrackErrors(100);
        Document doc = Jsoup.parse(html, "", parser);
        assertThat(parser.getErrors()).as("parse errors").isEmpty();

        assertThat(html).as("starts with the doctype").startsWith("<!DOCTYPE html>");
        DocumentType doctype = doc.documentType();
        assertThat(doctype).isNotNull();
        assertThat(doctype.name()).isEqualTo("html");
        assertThat(doctype.publicId()).isEmpty();
        assertThat(doctype.systemId()).isEmpty();
        assertThat(doc.selectFirst("html").attr("lang")).as("html lang").isNotBlank();

        List<Element> charsets = doc.select("head > meta[charset]");
        assertThat(charsets).hasSize(1);
        assertThat(charsets.get(0).attr("charset")).isEqualToIgnoringCase("utf-8");
        assertThat(html.indexOf("<meta charset")).as("charset within the first 1024 bytes").isBetween(0, 1000);
        assertThat(doc.select("head > title")).hasSize(1);
        assertThat(doc.title()).isNotBlank();

        Set<String> ids = new HashSet<>();
        for (Element element : doc.select("[id]")) {
            assertThat(ids.add(element.id())).as("id %s is unique", element.id()).isTrue();
        }
        for (Element labelled : doc.select("[aria-labelledby]")) {
            assertThat(doc.getElementById(labelled.attr("aria-labelledby"))).as("aria-labelledby target").isNotNull();
        }

        assertThat(doc.select("body > header")).as("one banner").hasSize(1);
        assertThat(doc.select("main")).as("one main").hasSize(1);
        assertThat(doc.select("body > footer")).as("one contentinfo").hasSize(1);
        assertThat(doc.body().children()).as("everything inside a landmark")
                .allSatisfy(child -> assertThat(child.tagName()).isIn("header", "main", "footer"));

        List<Integer> levels = new ArrayList<>();
        for (Element heading : doc.select("h1, h2, h3, h4, h5, h6")) {
            assertThat(heading.text()).as("heading text").isNotBlank();
            levels.add(heading.tagName().charAt(1) - '0');
        }
        assertThat(levels).as("heading levels").isNotEmpty().startsWith(1);
        assertThat(levels.stream().filter(level -> level == 1)).as("one h1").hasSize(1);
        for (int i = 1; i < levels.size(); i++) {
            assertThat(levels.get(i)).as("heading levels %s never skip one", levels).isLessThanOrEqualTo(levels.get(i - 1) + 1);
        }

        for (Element link : doc.select("a")) {
            assertThat(link.attr("href")).as("link target").isNotBlank();
            assertThat(link.text()).as("link text").isNotBlank();
        }
        for (Element th : doc.select("th")) {
            assertThat(th.attr("scope")).as("th scope").isIn("row", "col");
        }
        assertThat(doc.select("script:not([src]), img:not([alt]), input:not([type=hidden]):not([aria-label]):not([id])"))
                .as("no inline script, every image and input described").isEmpty();
        for (Element script : doc.select("script[src]")) {
            assertThat(script.attr("src")).as("scripts come from this server only").startsWith("/");
        }
        return doc;
    }
}
