package dev.cheeseshop.description;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * HTML fragments compared by structure, not bytes: parsed by jsoup (as a browser parses them,
 * entities decoded), written back as one token per element (its name and its attributes, sorted)
 * and per text run (adjacent text joined, also across elements left out; whitespace collapsed,
 * empty runs left out). Two fragments that a browser
 * shows the same way but that differ in quoting, entity choice, attribute order or line breaks
 * between blocks have the same shape.
 */
final class HtmlShape {
    private HtmlShape() {}

    static List<String> of(String html) {
        return of(html, null);
    }

    /** Only the elements named in {@code kept} (attributes: only href), the others as if unwrapped. */
    static List<String> of(String html, List<String> kept) {
        List<String> tokens = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Node node : Jsoup.parseBodyFragment(html).body().childNodes()) {
            walk(node, tokens, kept, text);
        }
        flush(tokens, text);
        return tokens;
    }

    private static void flush(List<String> tokens, StringBuilder text) {
        String collapsed = text.toString().replaceAll("\\s+", " ").strip();
        if (!collapsed.isEmpty()) {
            tokens.add("'" + collapsed + "'");
        }
        text.setLength(0);
    }

    private static void walk(Node node, List<String> tokens, List<String> kept, StringBuilder text) {
        if (node instanceof TextNode run) {
            text.append(run.getWholeText());
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        boolean shown = kept == null || kept.contains(element.normalName());
        if (shown) {
            flush(tokens, text);
            Map<String, String> attributes = new TreeMap<>();
            for (Attribute a : element.attributes()) {
                if (kept == null || a.getKey().equals("href")) {
                    attributes.put(a.getKey(), a.getValue());
                }
            }
            tokens.add("<" + element.normalName() + (attributes.isEmpty() ? "" : " " + attributes) + ">");
        }
        for (Node child : element.childNodes()) {
            walk(child, tokens, kept, text);
        }
        if (shown) {
            flush(tokens, text);
            tokens.add("</" + element.normalName() + ">");
        }
    }
}
