package dev.cheeseshop.index;

import dev.cheeseshop.journal.JournalWatch;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * JSON API documents, rendered once per change, through the same {@link DocumentCache} and
 * {@link JournalWatch} as the Simple pages ({@link DocumentCache#current} says how a cached
 * document is confirmed). A document embeds absolute URLs, so it is cached per base URL as well
 * as per project and requested version; the version is kept as requested ({@code 1.0} and {@code 1.0.0} are two
 * entries of the same bytes, which costs memory, not correctness).
 *
 * <p>Download counts ({@code info.downloads}) change without a journal entry: where they are
 * counted, a document is also valid for one generation of the counts (the download counter's,
 * which moves on after a flush that finds today's total changed, by this process or another), kept
 * in its key; a document rendered at a new generation replaces the previous generation's. So the
 * counts shown are those in the store as of the first request after the last such flush of this
 * process: about one flush interval behind.
 */
public final class JsonApiPages {
    private static final String KIND = "json-api";

    private final JsonApi api;
    private final DocumentCache cache;
    private final JournalWatch watch;
    private final LongSupplier countsGeneration;

    public JsonApiPages(JsonApi api, DocumentCache cache, JournalWatch watch) {
        this(api, cache, watch, () -> 0);
    }

    /** {@code countsGeneration}: the generation of the download counts, which the documents show. */
    public JsonApiPages(JsonApi api, DocumentCache cache, JournalWatch watch, LongSupplier countsGeneration) {
        this.api = api;
        this.cache = cache;
        this.watch = watch;
        this.countsGeneration = countsGeneration;
    }

    /**
     * The project's document ({@code version} null: the latest release with every release) with
     * its links under {@code baseUrl}; empty when there is no such project, release, or no release.
     * Its {@link Rendered#serial()} is the project's last serial.
     */
    public Optional<Rendered> document(String normalizedName, String version, String baseUrl) {
        String name = normalizedName + '\n' + (version == null ? "" : version) + '\n' + baseUrl + '\n';
        long counts = countsGeneration.getAsLong();
        DocumentCache.Key key = new DocumentCache.Key(KIND, name + counts);
        return cache.current(key, watch.generation(), () -> api.lastSerial(normalizedName), () -> {
            cache.invalidate(new DocumentCache.Key(KIND, name + (counts - 1)));
            Optional<ProjectJson> doc = version == null ? api.latest(normalizedName)
                    : api.release(normalizedName, version);
            return doc.map(found -> {
                JsonDocument rendered = JsonApiRenderer.render(found, baseUrl);
                return new Rendered(rendered.body(), found.project().lastSerial(), rendered.etag());
            });
        });
    }
}
