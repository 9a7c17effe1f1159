package dev.cheeseshop.index;

import dev.cheeseshop.model.Serial;
import java.util.Optional;

/**
 * Project pages of the Simple API, rendered once per change: each request looks up the project's
 * last serial (one indexed read), and the page rendered at that serial comes from the
 * {@link DocumentCache}, or is built from the read model, rendered and kept. HTML and JSON are
 * two renderings of the same {@link ProjectPage}, cached apart.
 */
public final class SimplePages {
    /** The two renderings of a project page, with their cache kinds. */
    public enum Format {
        HTML("simple-html"),
        JSON("simple-json");

        private final String kind;

        Format(String kind) {
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    private final SimpleIndex index;
    private final DocumentCache cache;

    public SimplePages(SimpleIndex index, DocumentCache cache) {
        this.index = index;
        this.cache = cache;
    }

    /** The project's page in {@code format}, or empty when there is no such project. */
    public Optional<Rendered> project(String normalizedName, Format format) {
        Optional<Serial> serial = index.lastSerial(normalizedName);
        if (serial.isEmpty()) {
            return Optional.empty();
        }
        DocumentCache.Key key = new DocumentCache.Key(format.kind(), normalizedName);
        Optional<Rendered> cached = cache.lookup(key, serial.get());
        if (cached.isPresent()) {
            return cached;
        }
        return index.page(normalizedName).map(page -> {
            Rendered fresh = Rendered.of(render(page, format), page.lastSerial());
            cache.put(key, fresh);
            return fresh;
        });
    }

    public static byte[] render(ProjectPage page, Format format) {
        return format == Format.HTML ? SimpleHtml.project(page) : SimpleJson.project(page);
    }

    public SimpleIndex index() {
        return index;
    }
}
