package dev.cheeseshop.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The upstream index this server proxies, and how.
 *
 * @param root      the upstream's Simple API root, ending in {@code /} (may carry user:password, never shown)
 * @param ttl       how long a cached page is served before it is revalidated with a conditional GET
 * @param timeout   how long the upstream may take to answer before the cache is served (or the request fails)
 * @param index     whether {@code /simple/} also lists the upstream's projects
 * @param policy    the policy file, reloaded on SIGHUP and when it changes (empty: everything allowed)
 * @param minAge    the minimum age of an upstream file, unless the policy file sets one (empty: none)
 * @param cacheSize the bound on the bytes of kept upstream files (0: none)
 */
public record UpstreamSettings(URI root, Duration ttl, Duration timeout, IndexMode index, Optional<Path> policy,
        Optional<Duration> minAge, long cacheSize) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_CACHE_SIZE = 10L * 1024 * 1024 * 1024;

    /** What {@code /simple/} lists: this index's projects, or those and the upstream's. */
    public enum IndexMode { local, merge }

    public UpstreamSettings {
        Objects.requireNonNull(root, "root");
        if (!root.getPath().endsWith("/")) {
            root = URI.create(root + "/");
        }
    }

    /** The defaults for everything but the root. */
    public static UpstreamSettings of(URI root) {
        return new UpstreamSettings(root, DEFAULT_TTL, DEFAULT_TIMEOUT, IndexMode.local, Optional.empty(),
                Optional.empty(), DEFAULT_CACHE_SIZE);
    }

    public UpstreamSettings withTtl(Duration value) {
        return new UpstreamSettings(root, value, timeout, index, policy, minAge, cacheSize);
    }

    public UpstreamSettings withTimeout(Duration value) {
        return new UpstreamSettings(root, ttl, value, index, policy, minAge, cacheSize);
    }

    public UpstreamSettings withIndex(IndexMode value) {
        return new UpstreamSettings(root, ttl, timeout, value, policy, minAge, cacheSize);
    }

    public UpstreamSettings withPolicy(Optional<Path> value) {
        return new UpstreamSettings(root, ttl, timeout, index, value, minAge, cacheSize);
    }

    public UpstreamSettings withMinAge(Optional<Duration> value) {
        return new UpstreamSettings(root, ttl, timeout, index, policy, value, cacheSize);
    }

    public UpstreamSettings withCacheSize(long value) {
        return new UpstreamSettings(root, ttl, timeout, index, policy, minAge, value);
    }

    /** The root without any user information, for messages and logs. */
    public String shownRoot() {
        return root.getUserInfo() == null ? root.toString() : root.toString().replace(root.getRawUserInfo() + "@", "");
    }
}
