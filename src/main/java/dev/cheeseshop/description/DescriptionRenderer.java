package dev.cheeseshop.description;

import java.util.Locale;
import java.util.Optional;

/**
 * A description rendered as pypi.org renders it (Warehouse's {@code utils/readme.py} over
 * readme_renderer), chosen by its {@code Description-Content-Type}: {@code text/markdown} as
 * GitHub-flavoured Markdown (or CommonMark for {@code variant=CommonMark}), {@code text/x-rst} or
 * no content type as reStructuredText, {@code text/plain} and any other type as plain text. What
 * cannot be rendered as asked (docutils refuses it, an unknown Markdown variant, a renderer that
 * fails, times out or is given too much) is shown as plain text with a note saying why, as
 * Warehouse falls back to plain text; a caller never gets an exception. Every output goes through
 * {@link DescriptionSanitizer}. Thread-safe.
 */
public final class DescriptionRenderer {
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final RstRenderer rst;

    /** reStructuredText by {@code /usr/bin/python3} with the default limits. */
    public DescriptionRenderer() {
        this(new RstRenderer());
    }

    public DescriptionRenderer(RstRenderer rst) {
        this.rst = rst;
    }

    /** {@code text} (null or empty: no description) of content type {@code descriptionContentType} (may be null). */
    public RenderedDescription render(String text, String descriptionContentType) {
        if (text == null || text.isEmpty()) {
            return RenderedDescription.NONE;
        }
        ContentType type = ContentType.parse(descriptionContentType);
        switch (type.mediaType()) {
            case "", "text/x-rst" -> {
                RstRenderer.Result result = rst.render(text);
                return result.html() != null
                        ? new RenderedDescription(result.html(), RenderedDescription.RST, Optional.empty())
                        : plain(text, "reStructuredText", result.failure());
            }
            case "text/markdown" -> {
                String variant = type.variant().orElse("GFM");
                if (variant.equals("GFM")) {
                    return new RenderedDescription(markdown.gfm(text), RenderedDescription.MARKDOWN, Optional.empty());
                }
                if (variant.equals("CommonMark")) {
                    return new RenderedDescription(markdown.commonMark(text), RenderedDescription.MARKDOWN,
                            Optional.empty());
                }
                return plain(text, "Markdown", "the variant " + variant + " is neither GFM nor CommonMark");
            }
            default -> {
                return new RenderedDescription(PlainRenderer.render(text), RenderedDescription.PLAIN, Optional.empty());
            }
        }
    }

    private static RenderedDescription plain(String text, String asked, String reason) {
        String why = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
        return new RenderedDescription(PlainRenderer.render(text), RenderedDescription.PLAIN, Optional.of(
                "The description could not be rendered as " + asked + ": " + why + "; it is shown as plain text."));
    }

    /**
     * A content type as Warehouse's {@code _parse_content_type} reads it (the {@code email}
     * package's header parsing, simplified): the media type lower-cased, empty when there is none;
     * the {@code variant} parameter as written (its value is case-sensitive).
     */
    record ContentType(String mediaType, Optional<String> variant) {
        static ContentType parse(String header) {
            if (header == null || header.isBlank()) {
                return new ContentType("", Optional.empty());
            }
            String[] parts = header.split(";");
            String media = parts[0].strip().toLowerCase(Locale.ROOT);
            Optional<String> variant = Optional.empty();
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].split("=", 2);
                if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("variant")) {
                    variant = Optional.of(pair[1].strip().replace("\"", ""));
                }
            }
            return new ContentType(media, variant);
        }
    }
}
