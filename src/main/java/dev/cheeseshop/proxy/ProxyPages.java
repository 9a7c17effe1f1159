package dev.cheeseshop.proxy;

import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.proxy.Upstream.PageFetch;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UpstreamBlobs;
import dev.cheeseshop.store.UpstreamStore;
import dev.cheeseshop.store.UpstreamStore.CachedPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Simple API page of a project this index does not have, from the upstream: the proxy's page
 * use case, in small steps.
 * <ol>
 *   <li>{@link #shadowed}: a local project of that name (in any state: in quarantine, without
 *       releases, reserved) hides the upstream's entirely;
 *   <li>the policy's lists, by name: a project denied is never asked for;
 *   <li>the cached page, when it was confirmed within the TTL;
 *   <li>else one request to the upstream per project however many clients ask at once
 *       ({@link Coalescer}): a conditional GET with the cached page's ETag; 200 replaces the cached
 *       page (with the upload times it lacks filled in while a minimum age is in force,
 *       {@link UploadTimes}), 304 confirms it, 404 forgets it;
 *   <li>the upstream failing (down, too slow, 5xx): the cached page, stale, if there is one; a
 *       project never seen is missing, with a message that says the upstream is unreachable.
 *       Failures are never cached: the next request asks again.
 * </ol>
 * The page served is the cached one with the policy applied to each file ({@link ProxyView}).
 */
public final class ProxyPages {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyPages.class);
    static final String NOT_FOUND = "404 Not Found";

    private final MetadataStore store;
    private final Upstream upstream;
    private final ProxyPolicy policy;
    private final ProxyView view;
    private final UploadTimes uploadTimes;
    private final UpstreamBlobs deletion;
    private final Clock clock;
    private final Duration ttl;
    private final ProxyEvents events;
    private final Coalescer<String, Optional<CachedPage>> refreshes = new Coalescer<>();

    public ProxyPages(MetadataStore store, BlobStore blobs, Upstream upstream, ProxyPolicy policy, Clock clock,
            Duration ttl, ProxyEvents events) {
        this.store = store;
        this.upstream = upstream;
        this.policy = policy;
        this.view = new ProxyView(policy, clock);
        this.uploadTimes = new UploadTimes(upstream, policy);
        this.deletion = new UpstreamBlobs(store, blobs);
        this.clock = clock;
        this.ttl = ttl;
        this.events = events;
    }

    /** The page of {@code normalizedName} from the upstream, or why there is none. */
    public ProxyAnswer page(String normalizedName) {
        if (shadowed(normalizedName)) {
            return new ProxyAnswer.Missing(NOT_FOUND, "");
        }
        ProxyPolicy.Decision byName = policy.project(normalizedName);
        if (!byName.allowed()) {
            return new ProxyAnswer.Missing(NOT_FOUND, PolicyHeader.denied(byName));
        }
        Optional<CachedPage> cached = store.read(tx -> tx.upstream().page(normalizedName));
        if (cached.isPresent() && isFresh(cached.get())) {
            events.page("fresh");
            return view.page(cached.get(), false);
        }
        try {
            Optional<CachedPage> current = refreshes.run(normalizedName, () -> refresh(normalizedName, cached));
            if (current.isEmpty()) {
                return new ProxyAnswer.Missing(NOT_FOUND, "");
            }
            return view.page(current.get(), false);
        } catch (UpstreamUnavailable e) {
            if (cached.isPresent()) {
                events.page("stale");
                LOG.warn("upstream unavailable for {}, serving the page cached at {}: {}", normalizedName,
                        cached.get().fetchedAt(), e.getMessage());
                return view.page(cached.get(), true);
            }
            events.page("unavailable");
            return new ProxyAnswer.Missing("404 Not Found (the upstream index is unreachable: " + e.getMessage() + ")",
                    "");
        }
    }

    /**
     * What names the page {@link #page} would answer now, when that is a fresh page answered
     * without the upstream: the cached page's version and the policy's generation, read with the
     * shadowing in one read transaction. While it is the same, so is the page: a renderer may keep
     * what it rendered from a page on which the policy hid nothing under that name (a minimum age
     * only ever lets more through as time passes). Empty when the page must be worked out
     * ({@link #page}): shadowed, denied, never cached, or past its TTL.
     */
    public Optional<String> freshState(String normalizedName) {
        long generation = policy.generation();
        Optional<UpstreamStore.PageVersion> version = store.read(tx -> tx.projects().find(normalizedName).isPresent()
                ? Optional.<UpstreamStore.PageVersion>empty() : tx.upstream().version(normalizedName));
        // The policy by name need not be asked: under this generation, a page was kept only if it allowed the name.
        if (version.isEmpty() || !version.get().fetchedAt().plus(ttl).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(version.get().id() + "-" + version.get().fetchedAt() + "-" + generation);
    }

    /** A fresh page answered from what a renderer kept ({@link #freshState}): counted as {@link #page} counts it. */
    public void servedKept() {
        events.page("fresh");
    }

    /** Whether a local project of this name exists, in any state: then the upstream is never asked. */
    public boolean shadowed(String normalizedName) {
        return store.read(tx -> tx.projects().find(normalizedName)).isPresent();
    }

    private boolean isFresh(CachedPage page) {
        return page.fetchedAt().plus(ttl).isAfter(clock.instant());
    }

    /** Asks the upstream (conditionally when a page is cached) and records its answer. */
    private Optional<CachedPage> refresh(String normalizedName, Optional<CachedPage> cached) throws UpstreamUnavailable {
        // Another caller may have refreshed it while this one waited its turn.
        Optional<CachedPage> now = store.read(tx -> tx.upstream().page(normalizedName));
        if (now.isPresent() && isFresh(now.get())) {
            return now;
        }
        PageFetch answer = upstream.page(normalizedName, now.flatMap(CachedPage::etag));
        Instant fetchedAt = clock.instant();
        if (answer instanceof PageFetch.Fetched fetched) {
            events.page("fetched");
            UpstreamPage page = uploadTimes.complete(StorablePage.of(fetched.page()), now);
            List<String> dropped = store.write(tx -> tx.upstream().savePage(page, fetchedAt));
            deletion.delete(dropped);
        } else if (answer instanceof PageFetch.NotModified && now.isPresent()) {
            events.page("revalidated");
            store.write(tx -> {
                tx.upstream().confirmPage(normalizedName, fetchedAt);
                return null;
            });
        } else if (answer instanceof PageFetch.NotModified) {
            throw new UpstreamUnavailable("the upstream answered 304 to an unconditional request");
        } else {
            events.page("not-found");
            List<String> dropped = store.write(tx -> tx.upstream().purge(Optional.of(normalizedName)));
            deletion.delete(dropped);
            return Optional.empty();
        }
        return store.read(tx -> tx.upstream().page(normalizedName));
    }
}
