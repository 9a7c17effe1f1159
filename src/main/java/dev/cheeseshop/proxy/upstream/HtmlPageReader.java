package dev.cheeseshop.proxy.upstream;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.UpstreamFile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;

/**
 * Reads a PEP 503 HTML project page as it streams (jsoup's {@code StreamParser}, the WHATWG
 * algorithm, entities decoded): each {@code <a href>} is a file, named by its text (else by the
 * URL's last path segment), its URL resolved against the page (or its {@code <base href>}), its
 * sha256 from the {@code #sha256=} fragment (other hash names are ignored), with
 * {@code data-requires-python}, {@code data-yanked} (present: yanked, its value the reason) and
 * {@code data-core-metadata} else {@code data-dist-info-metadata} ({@code sha256=<hex>} counts,
 * {@code true} alone does not). The display name is the page's {@code Links for NAME} (its
 * {@code <h1>}, else its {@code <title>}) when NAME is the project asked for, else the normalised
 * name. Elements are dropped from the tree as they are read, so a page of any length is read in
 * little memory.
 */
final class HtmlPageReader {
    private static final String LINKS_FOR = "Links for ";

    private HtmlPageReader() {}

    static PageContent read(Reader body, URI pageUrl, String normalizedName) throws IOException {
        List<UpstreamFile> files = new ArrayList<>();
        String[] title = {null};
        String[] heading = {null};
        URI[] base = {pageUrl};
        boolean[] baseSeen = {false};
        elements(body, pageUrl, element -> {
            switch (element.normalName()) {
                case "base" -> {
                    if (!baseSeen[0] && element.hasAttr("href")) {
                        baseSeen[0] = true;
                        base[0] = Links.resolve(pageUrl, element.attr("href")).orElse(pageUrl);
                    }
                }
                case "meta" -> {
                    if ("pypi:repository-version".equals(element.attr("name"))) {
                        try {
                            Links.checkApiVersion(element.attr("content"));
                        } catch (UnreadablePage e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                case "title" -> title[0] = title[0] == null ? element.text() : title[0];
                case "h1" -> heading[0] = heading[0] == null ? element.text() : heading[0];
                case "a" -> link(element, base[0]).ifPresent(files::add);
                default -> { }
            }
        });
        String displayName = displayName(heading[0], normalizedName)
                .or(() -> displayName(title[0], normalizedName))
                .orElse(normalizedName);
        return new PageContent(displayName, OptionalLong.empty(), files);
    }

    /**
     * Hands each element of the document to {@code each} once it is complete; a child of the body
     * or the head is then dropped from the tree with the text before it (so its children have been
     * read with it). An {@code IOException} of the reader, wrapped by jsoup or
     * by {@code each}, comes out unwrapped.
     */
    static void elements(Reader body, URI baseUrl, Consumer<Element> each) throws IOException {
        try (StreamParser parser = new StreamParser(Parser.htmlParser()).parse(body, baseUrl.toString())) {
            Iterator<Element> elements = parser.iterator();
            while (elements.hasNext()) {
                Element element = elements.next();
                each.accept(element);
                discard(element);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void discard(Element element) {
        Element parent = element.parent();
        if (parent == null || !(parent.normalName().equals("body") || parent.normalName().equals("head"))) {
            return;
        }
        for (Node before = element.previousSibling(); before != null && !(before instanceof Element);
                before = element.previousSibling()) {
            before.remove();
        }
        element.remove();
    }

    private static Optional<UpstreamFile> link(Element a, URI base) {
        if (!a.hasAttr("href")) {
            return Optional.empty();
        }
        String href = a.attr("href");
        Optional<URI> url = Links.resolve(base, href);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String text = a.text().strip();
        String filename = text.isEmpty() ? Links.lastSegment(url.get()) : text;
        if (!Links.safeFilename(filename)) {
            return Optional.empty();
        }
        Optional<String> requiresPython = a.hasAttr("data-requires-python")
                ? Optional.of(a.attr("data-requires-python").strip()).filter(s -> !s.isEmpty())
                : Optional.empty();
        Optional<String> yanked = a.hasAttr("data-yanked") ? Optional.of(a.attr("data-yanked")) : Optional.empty();
        Optional<String> metadata = a.hasAttr("data-core-metadata")
                ? Links.metadataAttribute(a.attr("data-core-metadata"))
                : a.hasAttr("data-dist-info-metadata")
                        ? Links.metadataAttribute(a.attr("data-dist-info-metadata"))
                        : Optional.empty();
        return Optional.of(new UpstreamFile(filename, url.get(), Links.fragmentSha256(href), OptionalLong.empty(),
                Optional.empty(), requiresPython, yanked, metadata));
    }

    private static Optional<String> displayName(String text, String normalizedName) {
        if (text == null) {
            return Optional.empty();
        }
        String stripped = text.strip();
        if (!stripped.startsWith(LINKS_FOR)) {
            return Optional.empty();
        }
        String name = stripped.substring(LINKS_FOR.length()).strip();
        return ProjectName.isValid(name) && ProjectName.normalize(name).equals(normalizedName)
                ? Optional.of(name) : Optional.empty();
    }
}
