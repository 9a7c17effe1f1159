package dev.cheeseshop.metrics;

/**
 * Records the requests one route answered. Resolved once per route when the server starts, so
 * that a request costs no look-up by name: the cached Simple page is answered on Jetty's I/O
 * thread, and this is on its path.
 */
@FunctionalInterface
public interface RouteMeter {
    /** Records nothing. */
    RouteMeter NONE = (method, status, nanos) -> { };

    /**
     * One request answered: its HTTP method, the status sent and the time from its arrival to its
     * answer handed to the server (for a streamed body, to its last byte handed over).
     */
    void record(String method, int status, long nanos);
}
