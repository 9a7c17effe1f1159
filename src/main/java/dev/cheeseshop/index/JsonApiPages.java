package dev.cheeseshop.index;

import dev.cheeseshop.journal.JournalWatch;
import java.util.Optional;

/**
 * JSON API documents, rendered once per change, through the same {@link DocumentCache} and
 * {@link JournalWatch} as the Simple pages ({@link DocumentCache#current} says how a cached
 * document is confirmed). A document embeds absolute URLs, so it is cached per base URL as well
 * as per project and requested version; the version is kept as requested ({@code 1.0} and {@code 1.0.0} are two
 * entries of the same bytes, which costs memory, not correctness).
 */
public final class JsonApiPages {
    private static final String KIND = "json-api";

    private final JsonApi api;
    private final DocumentCache cache;
    private final JournalWatch watch;

    public JsonApiPages(JsonApi api, DocumentCache cache, JournalWatch watch) {
        this.api = api;
        this.cache = cache;
        this.watch = watch;
    }

    /**
     * The project's document ({@code version} null: the latest release with every release) with
     * its links under {@code baseUrl}; empty when there is no such project, release, or no release.
     * Its {@link Rendered#serial()} is the project's last serial.
     */
    public Optional<Rendered> document(String normalizedName, String version, String baseUrl) {
        DocumentCache.Key key = new DocumentCache.Key(KIND,
                normalizedName + '\n' + (version == null ? "" : version) + '\n' + baseUrl);
        return cache.current(key, watch.generation(), () -> api.lastSerial(normalizedName), () -> {
            Optional<ProjectJson> doc = version == null ? api.latest(normalizedName)
                    : api.release(normalizedName, version);
            return doc.map(found -> {
                JsonDocument rendered = JsonApiRenderer.render(found, baseUrl);
                return new Rendered(rendered.body(), found.project().lastSerial(), rendered.etag());
            });
        });
    }
}
