package dev.cheeseshop.proxy;

import dev.cheeseshop.index.ProjectPage;

/**
 * What the proxy answers for a project's page: the page (fresh, or stale because the upstream
 * failed), or nothing, with why. {@code policy} is the line for the {@code X-Cheeseshop-Policy}
 * debug header, empty when no rule hid anything.
 */
public sealed interface ProxyAnswer {
    String policy();

    /** The page to render; {@code stale} when served from the cache because the upstream failed. */
    record Page(ProjectPage page, boolean stale, String policy) implements ProxyAnswer {}

    /**
     * No page: {@code message} is the 404's text (the Simple API's {@code 404 Not Found}, or why the
     * upstream could not be asked).
     */
    record Missing(String message, String policy) implements ProxyAnswer {}
}
