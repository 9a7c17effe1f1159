package dev.cheeseshop.index;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SearchPage;
import dev.cheeseshop.store.SearchQuery;
import dev.cheeseshop.store.SearchStore.ClassifierCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The project search of the web interface's {@code /search/?q=} page (issue 13): one read
 * transaction per search over the index {@link SearchIndexing} keeps, pages of {@value #PAGE_SIZE}.
 * Everything about the request is bounded here, since it is a stranger's: the page is clamped to
 * 1..{@value #MAX_PAGE} (so an OFFSET stays under 10,000 rows), the text and filters by
 * {@link SearchQuery} (a longer text is cut, filters past the 20th are dropped), and no text can
 * make the store fail: it is never SQL (see {@code store.SearchStore}).
 *
 * <p>The classifiers offered as filters are the {@value #FILTER_CLASSIFIERS} most common among
 * indexed projects: a scan of an index, read at most once a minute by the injected clock and kept
 * meanwhile (new classifiers show as choices up to a minute late; results are always current).
 */
public final class ProjectSearch {
    public static final int PAGE_SIZE = 20;
    public static final int MAX_PAGE = 500;
    public static final int FILTER_CLASSIFIERS = 50;
    static final Duration CLASSIFIERS_KEPT = Duration.ofMinutes(1);

    private final MetadataStore store;
    private final Clock clock;
    private Cached classifiers;

    private record Cached(List<ClassifierCount> counts, Instant read) {}

    public ProjectSearch(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The {@code page} (clamped to 1..{@value #MAX_PAGE}) of projects matching {@code text} (null
     * or blank: every project, by name) and carrying every one of {@code classifiers}; ranked as
     * {@code SearchStore.search} says: exact name, name prefixes (shorter first), relevance, name.
     */
    public SearchPage search(String text, List<String> classifiers, int page) {
        SearchQuery query = new SearchQuery(text, classifiers == null ? List.of() : classifiers,
                Math.max(1, Math.min(MAX_PAGE, page)), PAGE_SIZE);
        return store.read(tx -> tx.search().search(query));
    }

    /** The classifiers to offer as filters, the most common first, with how many projects carry each. */
    public List<ClassifierCount> classifiers() {
        Instant now = clock.instant();
        synchronized (this) {
            if (classifiers != null && now.isBefore(classifiers.read.plus(CLASSIFIERS_KEPT))
                    && !now.isBefore(classifiers.read)) {
                return classifiers.counts;
            }
        }
        List<ClassifierCount> counts = store.read(tx -> tx.search().classifiers(FILTER_CLASSIFIERS));
        synchronized (this) {
            classifiers = new Cached(List.copyOf(counts), now);
        }
        return counts;
    }
}
