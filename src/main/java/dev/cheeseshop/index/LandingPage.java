package dev.cheeseshop.index;

import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import java.util.Optional;

/**
 * The page a person gets at {@code /}: what this index is, how to install from it and upload to
 * it, and what it holds (projects, releases, files and the journal's last serial).
 *
 * <p>Every change to those counts is journaled, so the page is a function of the journal's last
 * serial and of the base URL its commands and links start with. It is kept in the
 * {@link DocumentCache} per base URL and confirmed as the Simple pages are
 * ({@link DocumentCache#current}): while nothing has been committed it is served with no query;
 * after a commit one indexed read of the last serial tells whether it still holds; only after a
 * change are the counts read again, once, from one snapshot. Each count is a scan of its table's
 * smallest index (SQLite's {@code COUNT(*)} picks it), whose cost grows with the index: see
 * {@code docs/benchmarks.md} for the figures at PyPI's size.
 */
public final class LandingPage {
    private static final String KIND = "landing";

    /** What the index holds, all read from one snapshot. */
    public record Counts(long projects, long releases, long files, Serial lastSerial) {}

    private final MetadataStore store;
    private final DocumentCache cache;
    private final JournalWatch watch;

    public LandingPage(MetadataStore store, DocumentCache cache, JournalWatch watch) {
        this.store = store;
        this.cache = cache;
        this.watch = watch;
    }

    /** The counts and the journal's last serial (0 while it is empty), read in one transaction. */
    public Counts counts() {
        return store.read(tx -> new Counts(tx.projects().count(), tx.releases().count(), tx.files().count(),
                tx.journal().last().orElse(Serial.NONE)));
    }

    /**
     * The page with its commands and links under {@code baseUrl} (no trailing slash), as of the
     * last commit this process has seen; its {@link Rendered#serial()} is the journal's last serial.
     */
    public Rendered page(String baseUrl) {
        String root = baseUrl + "/";
        return cache.current(new DocumentCache.Key(KIND, root), watch.generation(),
                () -> Optional.of(store.read(tx -> tx.journal().last()).orElse(Serial.NONE)),
                () -> {
                    Counts counts = counts();
                    return Optional.of(Rendered.of(LandingHtml.render(counts, root), counts.lastSerial()));
                }).orElseThrow();
    }
}
