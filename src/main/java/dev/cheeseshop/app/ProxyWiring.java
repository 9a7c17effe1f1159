package dev.cheeseshop.app;

import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.proxy.CacheBound;
import dev.cheeseshop.proxy.Proxy;
import dev.cheeseshop.proxy.ProxyEvents;
import dev.cheeseshop.proxy.ProxyFiles;
import dev.cheeseshop.proxy.ProxyPages;
import dev.cheeseshop.proxy.ProxyPolicy;
import dev.cheeseshop.proxy.Upstream;
import dev.cheeseshop.proxy.UpstreamListing;
import dev.cheeseshop.proxy.UseTracker;
import dev.cheeseshop.proxy.policy.CountedPolicy;
import dev.cheeseshop.proxy.policy.Policy;
import dev.cheeseshop.proxy.policy.PolicyException;
import dev.cheeseshop.proxy.policy.ReloadablePolicy;
import dev.cheeseshop.proxy.upstream.HttpUpstream;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UpstreamBlobs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The proxy of an upstream index, wired by hand: the upstream over HTTP, the policy (from its file,
 * reloaded on SIGHUP and when the file changes, every decision counted), the page and file use
 * cases, the cache's bound, and the background work (uses written in batches, the policy file
 * watched).
 */
final class ProxyWiring implements AutoCloseable {
    /** How many upstream files may be on their way at once; more wait their turn. */
    private static final int FETCHERS = 16;
    private static final Duration POLICY_CHECK = Duration.ofSeconds(2);
    private static final Duration USE_FLUSH = Duration.ofSeconds(30);

    private final Proxy proxy;
    private final ReloadablePolicy reloadable;
    private final UseTracker uses;
    private final ExecutorService fetchers;

    private ProxyWiring(Proxy proxy, ReloadablePolicy reloadable, UseTracker uses, ExecutorService fetchers) {
        this.proxy = proxy;
        this.reloadable = reloadable;
        this.uses = uses;
        this.fetchers = fetchers;
    }

    /** The proxy for {@code settings}; a policy file that cannot be read is a {@link CommandFailure}. */
    static ProxyWiring create(UpstreamSettings settings, MetadataStore store, BlobStore blobs, Clock clock, Path staging,
            Metrics metrics) {
        ProxyEvents events = new ProxyEvents() {
            @Override
            public void page(String outcome) {
                metrics.proxyPage(outcome);
            }

            @Override
            public void file(String outcome) {
                metrics.proxyFile(outcome);
            }
        };
        Duration minAge = settings.minAge().orElse(Duration.ZERO);
        ReloadablePolicy reloadable = null;
        ProxyPolicy policy;
        if (settings.policy().isPresent()) {
            try {
                reloadable = ReloadablePolicy.load(settings.policy().get(), minAge, metrics::policyReload);
            } catch (PolicyException e) {
                throw new CommandFailure(e.getMessage());
            }
            policy = new CountedPolicy(reloadable, metrics);
        } else {
            policy = new CountedPolicy(Policy.EMPTY.withDefaultMinAge(minAge), metrics);
        }
        Upstream upstream;
        try {
            upstream = new HttpUpstream(settings.root().toString(), settings.timeout());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid --upstream: " + e.getMessage());
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService fetchers = Executors.newFixedThreadPool(FETCHERS, runnable -> {
            Thread thread = new Thread(runnable, "upstream-fetch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        UseTracker uses = new UseTracker(store, clock);
        CacheBound bound = new CacheBound(store, new UpstreamBlobs(store, blobs), settings.cacheSize(), uses);
        ProxyPages pages = new ProxyPages(store, blobs, upstream, policy, clock, settings.ttl(), events);
        ProxyFiles files = new ProxyFiles(store, blobs, upstream, policy, pages, clock, staging, fetchers, uses, bound,
                events);
        Optional<UpstreamListing> listing = settings.index() == UpstreamSettings.IndexMode.merge
                ? Optional.of(new UpstreamListing(upstream, policy, clock, settings.ttl())) : Optional.empty();
        LoggerFactory.getLogger(ProxyWiring.class).info("proxying {} for projects not in this index (ttl {}, timeout {})",
                settings.shownRoot(), settings.ttl(), settings.timeout());
        return new ProxyWiring(new Proxy(pages, files, listing), reloadable, uses, fetchers);
    }

    Proxy proxy() {
        return proxy;
    }

    /** Writes uses in batches and watches the policy file, on {@code background}; reloads the policy on SIGHUP. */
    void schedule(ScheduledExecutorService background) {
        background.scheduleWithFixedDelay(this::flushUses, USE_FLUSH.toMillis(), USE_FLUSH.toMillis(),
                TimeUnit.MILLISECONDS);
        if (reloadable != null) {
            background.scheduleWithFixedDelay(reloadable::reloadIfChanged, POLICY_CHECK.toMillis(),
                    POLICY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
            Signals.onHangUp(() -> background.execute(reloadable::reload));
        }
    }

    /** Reads the policy file again now (as SIGHUP does); nothing without one. */
    void reloadPolicy() {
        if (reloadable != null) {
            reloadable.reload();
        }
    }

    private void flushUses() {
        try {
            uses.flush();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ProxyWiring.class).warn("writing the upstream cache's uses failed: {}", e.getMessage());
        }
    }

    /** Stops the fetches still running (their clients are gone with the server) and writes the last uses. */
    @Override
    public void close() {
        fetchers.shutdownNow();
        flushUses();
    }
}
