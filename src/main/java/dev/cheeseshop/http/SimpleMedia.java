package dev.cheeseshop.http;

import dev.cheeseshop.index.SimplePages.Format;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The media types of the Simple API (PEP 691) and the choice among them by {@code Accept}, as
 * pypi.org makes it: offers in the order {@code text/html}, {@code v1+html}, {@code v1+json}, the
 * best quality wins and ties go to the earlier offer, and an {@code Accept} that matches nothing
 * gets {@code text/html} (never a 406). Like pypi.org, it does not implement PEP 691's
 * {@code latest} meta-versions: an {@code Accept} of only {@code latest+json} gets {@code text/html}.
 */
enum SimpleMedia {
    TEXT_HTML("text/html", Headers.HTML, Format.HTML),
    V1_HTML("application/vnd.pypi.simple.v1+html", "application/vnd.pypi.simple.v1+html", Format.HTML),
    V1_JSON("application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.v1+json", Format.JSON);

    private static final List<String> OFFERS = List.of(TEXT_HTML.type, V1_HTML.type, V1_JSON.type);

    private final String type;
    private final String contentType;
    private final Format format;

    SimpleMedia(String type, String contentType, Format format) {
        this.type = type;
        this.contentType = contentType;
        this.format = format;
    }

    /** The Content-Type header: the chosen type, with a charset for {@code text/html} only. */
    String contentType() {
        return contentType;
    }

    Format format() {
        return format;
    }

    /**
     * Choices already made, by header: clients send few distinct {@code Accept} headers, and pip's
     * costs a parse per request otherwise. Bounded; once full, new headers are parsed every time.
     */
    private static final int MAX_REMEMBERED = 256;
    private static final ConcurrentHashMap<String, SimpleMedia> CHOSEN = new ConcurrentHashMap<>();

    static SimpleMedia choose(Optional<String> accept) {
        if (accept.isEmpty()) {
            return TEXT_HTML;
        }
        String header = accept.get();
        SimpleMedia known = CHOSEN.get(header);
        if (known != null) {
            return known;
        }
        SimpleMedia chosen = parse(accept);
        if (CHOSEN.size() < MAX_REMEMBERED && header.length() <= 512) {
            CHOSEN.put(header, chosen);
        }
        return chosen;
    }

    private static SimpleMedia parse(Optional<String> accept) {
        String chosen = Accept.parse(accept).choose(OFFERS, TEXT_HTML.type);
        return switch (chosen) {
            case "application/vnd.pypi.simple.v1+html" -> V1_HTML;
            case "application/vnd.pypi.simple.v1+json" -> V1_JSON;
            default -> TEXT_HTML;
        };
    }
}
