package dev.cheeseshop.http;

import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.metrics.RouteMeter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The route table: the one place that says which handler answers which method and path.
 *
 * <p>Patterns are literal segments and {@code {name}} placeholders, one segment each; a final
 * {@code {name*}} takes the rest of the path. A trailing slash is significant: {@code /simple/}
 * and {@code /simple} are different routes.
 *
 * <p>Each route has a {@link RouteMeter}, resolved once by {@link #meter} before the server starts,
 * so that a request is counted under its route's pattern (a bounded set of labels, whatever paths
 * clients send) without a look-up by name.
 */
public final class Routes {
    /** A handler: parse the exchange, call a use case, render the answer. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    /**
     * A handler's non-blocking first try, run on Jetty's I/O thread: it answers from memory with
     * {@link Exchange#sendAsync} and returns true, or returns false having sent nothing, and the
     * route's blocking handler runs on a worker thread. It must never block.
     */
    @FunctionalInterface
    public interface FastHandler {
        boolean tryHandle(Exchange exchange, org.eclipse.jetty.util.Callback callback) throws Exception;
    }

    /** The pattern under which requests no route matched are counted. */
    static final String UNMATCHED = "(unmatched)";

    private static final class Route {
        final Set<String> methods;
        final String pattern;
        final String[] segments;
        final boolean trailingSlash;
        final Handler handler;
        final FastHandler fast;
        RouteMeter meter = RouteMeter.NONE; // set once, before the server starts

        Route(Set<String> methods, String pattern, Handler handler, FastHandler fast) {
            this.methods = methods;
            this.pattern = pattern;
            this.segments = split(pattern);
            this.trailingSlash = pattern.length() > 1 && pattern.endsWith("/");
            this.handler = handler;
            this.fast = fast;
        }
    }

    /**
     * The outcome of a look-up: a handler with its path parameters and its route's meter, or the
     * methods the path allows (and the meter of unmatched requests).
     */
    record Match(Handler handler, FastHandler fast, Map<String, String> params, Set<String> allowed,
            RouteMeter meter) {
        boolean found() {
            return handler != null;
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Routes> nested = new ArrayList<>();
    private RouteMeter unmatched = RouteMeter.NONE;

    /** GET and HEAD. */
    public Routes get(String pattern, Handler handler) {
        return add(Set.of("GET", "HEAD"), pattern, handler);
    }

    public Routes post(String pattern, Handler handler) {
        return add(Set.of("POST"), pattern, handler);
    }

    /** GET and HEAD, tried first by {@code fast} on the I/O thread, then by {@code handler}. */
    public Routes get(String pattern, FastHandler fast, Handler handler) {
        return add(Set.of("GET", "HEAD"), pattern, fast, handler);
    }

    public Routes add(Set<String> methods, String pattern, Handler handler) {
        return add(methods, pattern, null, handler);
    }

    private Routes add(Set<String> methods, String pattern, FastHandler fast, Handler handler) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("patterns start with '/': " + pattern);
        }
        routes.add(new Route(Set.copyOf(methods), pattern, handler, fast));
        return this;
    }

    /**
     * A table that a handler of this one consults on its own (a route group such as
     * {@code /api/v1}): {@link #meter} gives its routes their meters too, so the group can count a
     * request under its own pattern ({@link Exchange#meter(RouteMeter)}).
     */
    public Routes nest(Routes inner) {
        nested.add(inner);
        return this;
    }

    /** Resolves every route's meter, and the nested tables' ones; call once, before serving. */
    void meter(Metrics metrics) {
        for (Route route : routes) {
            route.meter = metrics.route(route.pattern);
        }
        unmatched = metrics.route(UNMATCHED);
        for (Routes inner : nested) {
            inner.meter(metrics);
        }
    }

    Match match(String method, String path) {
        String[] segments = split(path);
        boolean trailingSlash = path.length() > 1 && path.endsWith("/");
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = bind(route, segments, trailingSlash);
            if (params.isEmpty()) {
                continue;
            }
            if (route.methods.contains(method)) {
                return new Match(route.handler, route.fast, params.get(), Set.of(), route.meter);
            }
            allowed.addAll(route.methods);
        }
        return new Match(null, null, Map.of(), allowed, unmatched);
    }

    private static Optional<Map<String, String>> bind(Route route, String[] segments, boolean trailingSlash) {
        Map<String, String> params = new LinkedHashMap<>();
        String[] pattern = route.segments;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("*}")) {
                if (i >= segments.length) {
                    return Optional.empty();
                }
                String rest = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
                params.put(p.substring(1, p.length() - 2), trailingSlash ? rest + "/" : rest);
                return Optional.of(params);
            }
            if (i >= segments.length) {
                return Optional.empty();
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), segments[i]);
            } else if (!p.equals(segments[i])) {
                return Optional.empty();
            }
        }
        if (segments.length != pattern.length || trailingSlash != route.trailingSlash) {
            return Optional.empty();
        }
        return Optional.of(params);
    }

    private static String[] split(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = path.substring(start, end);
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
