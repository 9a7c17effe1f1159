package dev.cheeseshop.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream's project listing, for {@code /simple/} with {@code --upstream-index merge}: the
 * normalised names, sorted, asked for at most once per TTL (one request however many clients ask)
 * and kept in memory; when the upstream fails, the last listing stays (empty if there never was
 * one). Each new listing has a new {@code version}, which goes into the index's ETag.
 */
public final class UpstreamListing {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamListing.class);

    /** A listing: names sorted and distinct, and its version (0: none fetched yet). */
    public record Names(String[] sorted, long version) {}

    private final Upstream upstream;
    private final ProxyPolicy policy;
    private final Clock clock;
    private final Duration ttl;
    private final Coalescer<String, Names> refreshes = new Coalescer<>();
    private volatile Names current = new Names(new String[0], 0);
    private volatile Instant fetchedAt = Instant.MIN;

    public UpstreamListing(Upstream upstream, ProxyPolicy policy, Clock clock, Duration ttl) {
        this.upstream = upstream;
        this.policy = policy;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The listing, asked for again first when the one held is older than the TTL. */
    public Names names() {
        if (fetchedAt.plus(ttl).isAfter(clock.instant())) {
            return current;
        }
        try {
            return refreshes.run("index", this::refresh);
        } catch (UpstreamUnavailable e) {
            LOG.warn("upstream index unavailable, listing the last one known ({} projects): {}",
                    current.sorted().length, e.getMessage());
            return current;
        }
    }

    /** Whether the policy lets the project's name be listed. */
    public boolean listed(String normalizedName) {
        return policy.project(normalizedName).allowed();
    }

    private Names refresh() throws UpstreamUnavailable {
        if (fetchedAt.plus(ttl).isAfter(clock.instant())) {
            return current;
        }
        List<String> names = new ArrayList<>();
        upstream.index(names::add);
        String[] sorted = names.stream().distinct().sorted().toArray(String[]::new);
        Names fresh = Arrays.equals(sorted, current.sorted()) ? current : new Names(sorted, current.version() + 1);
        current = fresh;
        fetchedAt = clock.instant();
        return fresh;
    }
}
