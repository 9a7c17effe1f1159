package dev.cheeseshop.description;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known XSS payloads ({@code description/xss-payloads.txt}) through every renderer where they make
 * sense, each output parsed as a browser parses it (jsoup) and held to the rules: no element that
 * runs or loads something, no event handler, no style, and no URL with a scheme that runs code,
 * after the HTML decoding the parser does and with whitespace and control characters stripped, as
 * a browser's URL parser strips them.
 */
class XssCatalogueTest {
    private static final DescriptionRenderer RENDERER = new DescriptionRenderer();
    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "style", "iframe", "object", "embed", "svg",
            "math", "form", "base", "meta", "link", "input", "button", "textarea", "select", "frame", "frameset",
            "applet", "template", "noscript", "video", "audio", "source", "marquee", "body", "html", "head", "xmp");
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "vbscript", "data");
    /** Attributes a browser reads as a URL (text attributes such as {@code alt} may say anything). */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href",
            "background", "poster", "srcset", "cite", "longdesc", "data", "lowsrc", "dynsrc", "codebase", "ping");

    static Stream<Arguments> payloads() throws IOException {
        String file;
        try (InputStream in = XssCatalogueTest.class.getResourceAsStream("/description/xss-payloads.txt")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return file.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).flatMap(line -> {
            String[] parts = line.split("\t", 2);
            String payload = parts[1].replace("\\n", "\n").replace("\\t", "\t");
            List<String> types = switch (parts[0]) {
                case "all" -> List.of("text/markdown", "text/markdown; variant=CommonMark", "text/plain", "text/x-rst");
                case "md" -> List.of("text/markdown", "text/markdown; variant=CommonMark");
                case "rst" -> List.of("text/x-rst");
                default -> throw new IllegalArgumentException(line);
            };
            return types.stream().map(type -> Arguments.of(type, payload));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("payloads")
    void nothingThatRunsSurvives(String contentType, String payload) {
        String html = RENDERER.render(payload, contentType).html();

        for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            if (element == element.ownerDocument().body()) {
                continue;
            }
            assertThat(FORBIDDEN_ELEMENTS).as(html).doesNotContain(element.normalName());
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as(html).doesNotStartWith("on").isNotEqualTo("style").isNotEqualTo("srcset")
                        .isNotEqualTo("formaction").isNotEqualTo("background").isNotEqualTo("xlink:href");
                if (URL_ATTRIBUTES.contains(name)) {
                    String scheme = scheme(attribute.getValue());
                    assertThat(scheme).as(name + " in " + html).isNotIn(FORBIDDEN_SCHEMES)
                            .isIn("", "http", "https", "mailto");
                }
            }
        }
    }

    static Stream<Arguments> plainPayloads() throws IOException {
        return payloads().filter(arguments -> arguments.get()[0].equals("text/plain"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("plainPayloads")
    void plainTextKeepsThePayloadAsText(String contentType, String payload) {
        String html = RENDERER.render(payload, contentType).html();

        assertThat(Jsoup.parseBodyFragment(html).body().children()).hasSize(1);
        assertThat(Jsoup.parseBodyFragment(html).selectFirst("pre").wholeText()).isEqualTo(payload);
    }

    /** The scheme a browser would see: whitespace and controls anywhere removed, lower-cased; "" for none. */
    private static String scheme(String value) {
        StringBuilder kept = new StringBuilder();
        value.codePoints().filter(c -> c > 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f)
                && !Character.isWhitespace(c)).forEach(kept::appendCodePoint);
        String url = kept.toString().toLowerCase(Locale.ROOT);
        int colon = url.indexOf(':');
        return colon < 0 ? "" : url.substring(0, colon);
    }
}
