package dev.cheeseshop.proxy;

import java.util.Optional;

/**
 * The proxy's use cases, for the routes: project pages and files from the upstream, and the
 * upstream's listing when {@code /simple/} merges it with this index's (empty otherwise).
 */
public record Proxy(ProxyPages pages, ProxyFiles files, Optional<UpstreamListing> listing) {}
