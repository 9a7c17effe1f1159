package dev.cheeseshop.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code serve}'s options for proxying an upstream index. */
final class UpstreamOptions {
    @Option(names = "--upstream", paramLabel = "URL", defaultValue = "${env:CHEESESHOP_UPSTREAM}",
            description = "Proxy this index's Simple API root (e.g. https://pypi.org/simple/) for projects this"
                    + " index does not have (env CHEESESHOP_UPSTREAM; default: none).")
    String upstream;

    @Option(names = "--upstream-ttl", paramLabel = "DURATION", defaultValue = "${env:CHEESESHOP_UPSTREAM_TTL:-10m}",
            converter = TimeSpan.class,
            description = "How long an upstream page is served from the cache before it is revalidated"
                    + " (env CHEESESHOP_UPSTREAM_TTL; default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--upstream-timeout", paramLabel = "DURATION",
            defaultValue = "${env:CHEESESHOP_UPSTREAM_TIMEOUT:-10s}", converter = TimeSpan.class,
            description = "How long the upstream may take to answer before the cached page is served"
                    + " (env CHEESESHOP_UPSTREAM_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--upstream-index", paramLabel = "local|merge",
            defaultValue = "${env:CHEESESHOP_UPSTREAM_INDEX:-local}",
            description = "Whether /simple/ lists only this index's projects (local) or the upstream's too (merge)"
                    + " (env CHEESESHOP_UPSTREAM_INDEX; default ${DEFAULT-VALUE}).", converter = IndexModes.class)
    UpstreamSettings.IndexMode index;

    @Option(names = "--upstream-policy", paramLabel = "FILE", defaultValue = "${env:CHEESESHOP_UPSTREAM_POLICY}",
            description = "The policy file (TOML: allow, deny, min-age), reloaded on SIGHUP and when it changes"
                    + " (env CHEESESHOP_UPSTREAM_POLICY; default: everything allowed).")
    Path policy;

    @Option(names = "--upstream-min-age", paramLabel = "DURATION",
            defaultValue = "${env:CHEESESHOP_UPSTREAM_MIN_AGE}", converter = TimeSpan.class,
            description = "Serve no upstream file uploaded more recently than this, e.g. 3d; files of unknown age"
                    + " are refused while it is set; the policy file's min-age wins (env CHEESESHOP_UPSTREAM_MIN_AGE).")
    Duration minAge;

    @Option(names = "--upstream-cache-size", paramLabel = "SIZE",
            defaultValue = "${env:CHEESESHOP_UPSTREAM_CACHE_SIZE:-10GiB}", converter = ByteSize.class,
            description = "Bound on the bytes of upstream files kept; the least recently used go first; 0 for none"
                    + " (env CHEESESHOP_UPSTREAM_CACHE_SIZE; default ${DEFAULT-VALUE}).")
    long cacheSize;

    /** The settings these options give, or empty without {@code --upstream}; a bad value is a {@link CommandFailure}. */
    Optional<UpstreamSettings> settings() {
        if (upstream == null || upstream.isBlank()) {
            return Optional.empty();
        }
        URI root;
        try {
            root = new URI(upstream.strip());
        } catch (URISyntaxException e) {
            throw new CommandFailure("invalid --upstream: not a URL");
        }
        String scheme = root.getScheme() == null ? "" : root.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || root.getHost() == null || root.getQuery() != null
                || root.getFragment() != null) {
            throw new CommandFailure("invalid --upstream: an http or https URL of a Simple API root, such as"
                    + " https://pypi.org/simple/, without query or fragment");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new CommandFailure("invalid --upstream-timeout: it must be more than zero");
        }
        return Optional.of(UpstreamSettings.of(root).withTtl(ttl).withTimeout(timeout).withIndex(index)
                .withPolicy(Optional.ofNullable(policy)).withMinAge(Optional.ofNullable(minAge)).withCacheSize(cacheSize));
    }

    /** {@code local} or {@code merge}, in any case; anything else is a usage error. */
    static final class IndexModes implements CommandLine.ITypeConverter<UpstreamSettings.IndexMode> {
        @Override
        public UpstreamSettings.IndexMode convert(String value) {
            try {
                return UpstreamSettings.IndexMode.valueOf(value.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not local or merge");
            }
        }
    }
}
