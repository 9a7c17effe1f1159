package dev.cheeseshop.xmlrpc;

import dev.cheeseshop.limits.FixedWindowLimit;
import java.time.Clock;
import java.util.Objects;

/**
 * PyPI's XML-RPC rate limiter ({@code xmlrpc.client}): at most {@link RateLimit#amount()} calls
 * per client in a window that opens at the client's first call, so a burst gets the amount and
 * then waits for the window to close, as under PyPI's moving window. Refused calls are not
 * counted. Time comes from the injected clock.
 *
 * <p>Memory is bounded: one small entry per client seen in the last window, at most
 * {@code maxClients} ({@link FixedWindowLimit}). Thread-safe; the critical section is a few map
 * operations.
 */
public final class RateLimiter {
    /** The limiter's name in the {@code RateLimit} headers, as on PyPI. */
    static final String NAME = "xmlrpc.client";
    /** Clients remembered at most, by default. */
    public static final int DEFAULT_MAX_CLIENTS = 100_000;

    /**
     * The verdict on one call, with what the {@code RateLimit-Policy} and {@code RateLimit} headers
     * say (draft-ietf-httpapi-ratelimit-headers, as PyPI sends them).
     *
     * @param allowed      true when the call may proceed
     * @param remaining    calls left in the client's window after this one
     * @param resetSeconds whole seconds until the window closes, rounded up, at least 1
     */
    public record Decision(RateLimit limit, boolean allowed, long remaining, long resetSeconds) {
        /** {@code RateLimit-Policy: "xmlrpc.client";q=<amount>;w=<window seconds>;pk=:ip:}. */
        public String policyHeader() {
            return "\"" + NAME + "\";q=" + limit.amount() + ";w=" + limit.window().toSeconds() + ";pk=:ip:";
        }

        /** {@code RateLimit: "xmlrpc.client";r=<remaining>;t=<seconds to reset>}. */
        public String stateHeader() {
            return "\"" + NAME + "\";r=" + remaining + ";t=" + resetSeconds;
        }

        /** PyPI's fault for a refused call: -32500 {@code HTTPTooManyRequests: ...}. */
        public XmlRpcFault fault() {
            return XmlRpcFault.wrapped("HTTPTooManyRequests", "The action could not be performed because there"
                    + " were too many requests by the client. Limit may reset in " + resetSeconds + " seconds.");
        }
    }

    private final RateLimit limit;
    private final Clock clock;
    private final FixedWindowLimit windows;

    /** A limiter remembering at most {@link #DEFAULT_MAX_CLIENTS} clients. */
    public RateLimiter(RateLimit limit, Clock clock) {
        this(limit, clock, DEFAULT_MAX_CLIENTS);
    }

    public RateLimiter(RateLimit limit, Clock clock, int maxClients) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be positive");
        }
        this.windows = new FixedWindowLimit(limit.amount(), limit.window(), maxClients);
    }

    public RateLimit limit() {
        return limit;
    }

    /** Counts a call by {@code client} (e.g. its IP address) when the window has room. */
    public synchronized Decision hit(String client) {
        long now = clock.millis();
        boolean allowed = windows.refusedFor(client, now) == 0;
        if (allowed) {
            windows.count(client, now);
        }
        long resetSeconds = Math.max(1, (windows.closesIn(client, now) + 999) / 1000);
        return new Decision(limit, allowed, windows.remaining(client, now), resetSeconds);
    }

    /** Clients currently remembered. */
    public synchronized int clients() {
        return windows.size();
    }
}
