package dev.cheeseshop.index;

import dev.cheeseshop.journal.JournalWatch;
import java.util.Optional;

/**
 * Project pages of the Simple API, rendered once per change. A page in the {@link DocumentCache}
 * whose serial was confirmed at the {@link JournalWatch}'s current generation is served with no
 * query at all (nothing was committed since). Otherwise one read transaction looks up the
 * project's row (its last serial): a page rendered at that serial is confirmed for this generation
 * and served; else, in the same transaction, the page is built from the read model (one more
 * query), rendered, kept and served. HTML and JSON are two renderings of the same
 * {@link ProjectPage}, cached apart.
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
    private final JournalWatch watch;

    public SimplePages(SimpleIndex index, DocumentCache cache, JournalWatch watch) {
        this.index = index;
        this.cache = cache;
        this.watch = watch;
    }

    /**
     * The project's page in {@code format} if it can be answered from memory alone, with nothing
     * committed since it was last confirmed; never blocks.
     */
    public Optional<Rendered> fresh(String normalizedName, Format format) {
        return cache.fresh(new DocumentCache.Key(format.kind(), normalizedName), watch.generation());
    }

    /** The project's page in {@code format}, or empty when there is no such project. */
    public Optional<Rendered> project(String normalizedName, Format format) {
        return cache.current(new DocumentCache.Key(format.kind(), normalizedName), watch.generation(),
                held -> index.page(normalizedName, held::at,
                        page -> Rendered.of(render(page, format), page.lastSerial())));
    }

    /**
     * A proxied project's page in {@code format}, rendered from the cached upstream state that
     * {@code state} names (the cached page's version and the policy's generation), if held.
     */
    public Optional<Rendered> upstream(String normalizedName, String state, Format format) {
        return cache.held(upstreamKey(normalizedName, state, format));
    }

    /** Keeps a proxied project's page rendered from the cached upstream state {@code state} names. */
    public void keepUpstream(String normalizedName, String state, Format format, Rendered page) {
        cache.put(upstreamKey(normalizedName, state, format), page);
    }

    private static DocumentCache.Key upstreamKey(String normalizedName, String state, Format format) {
        return new DocumentCache.Key("upstream-" + format.kind(), normalizedName + " " + state);
    }

    public static byte[] render(ProjectPage page, Format format) {
        return format == Format.HTML ? SimpleHtml.project(page) : SimpleJson.project(page);
    }

    public SimpleIndex index() {
        return index;
    }
}
