package dev.cheeseshop.description;

/**
 * Plain text as it was typed: escaped, in a {@code <pre>} (line breaks and indentation kept), then
 * through the sanitiser like every other rendering. Also what a description that cannot be
 * rendered as its content type asks falls back to.
 */
final class PlainRenderer {
    private PlainRenderer() {}

    static String render(String text) {
        StringBuilder html = new StringBuilder(text.length() + 16).append("<pre>");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&#34;");
                case '\'' -> html.append("&#39;");
                default -> html.appendCodePoint(c);
            }
        });
        return DescriptionSanitizer.sanitize(html.append("</pre>").toString());
    }
}
