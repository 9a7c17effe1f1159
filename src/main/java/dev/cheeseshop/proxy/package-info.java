/**
 * Proxying an upstream index: a project this index does not have is served from the upstream's
 * Simple API (PEP 691 JSON preferred, PEP 503 HTML accepted), cached in the metadata store
 * ({@code store.UpstreamStore}) and the blob store, under a policy ({@link dev.cheeseshop.proxy.ProxyPolicy})
 * applied before anything is served or cached. A local project, or a reserved name, shadows the
 * upstream's entirely. The ports: {@link dev.cheeseshop.proxy.Upstream} (the upstream, spoken to
 * over HTTP by {@code proxy.upstream}) and {@link dev.cheeseshop.proxy.ProxyPolicy}
 * ({@code proxy.policy}).
 */
package dev.cheeseshop.proxy;
