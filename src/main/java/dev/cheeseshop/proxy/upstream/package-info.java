/**
 * The upstream index over HTTP: {@link dev.cheeseshop.proxy.upstream.HttpUpstream} implements the
 * {@link dev.cheeseshop.proxy.Upstream} port on the JDK's {@code HttpClient}, reading PEP 691 JSON
 * (Jackson) and PEP 503 HTML (jsoup) pages and indexes as they stream. See docs/ARCHITECTURE.md,
 * "The upstream client".
 */
package dev.cheeseshop.proxy.upstream;
