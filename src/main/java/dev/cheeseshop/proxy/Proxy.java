package dev.cheeseshop.proxy;

/** The proxy's two use cases, for the routes: project pages and files from the upstream. */
public record Proxy(ProxyPages pages, ProxyFiles files) {}
