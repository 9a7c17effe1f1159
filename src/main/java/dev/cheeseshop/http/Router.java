package dev.cheeseshop.http;

import dev.cheeseshop.metrics.Metrics;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's entry point. It is non-blocking: Jetty calls it on the I/O thread that parsed the
 * request. A route with a {@link Routes.FastHandler} is tried there first (an answer from memory,
 * such as a cached Simple page, costs no thread hand-off); everything else, and whatever the fast
 * handler declines, is handed to a worker thread, where the route's handler may block. A handler
 * that throws gets a plain 500 when nothing has been sent yet (the failure is logged with an id
 * the client sees, never a stack trace), or an aborted connection when the answer was already
 * under way. The logged method and path are {@link LogSafe}: a {@code %0A} cannot forge a line.
 *
 * <p>Every answered request is counted under its route's meter (or the one a route group chose)
 * with its status and the time since Jetty began the request: for the fast path, until the answer
 * is handed to Jetty's non-blocking write; for the others, until the handler has finished (a
 * streamed body written out). That costs one {@code System.nanoTime} and one observation.
 */
final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Routes routes;
    private final Metrics metrics;
    private final AtomicLong failures = new AtomicLong();

    Router(Routes routes, Metrics metrics) {
        super(InvocationType.NON_BLOCKING);
        this.routes = routes;
        this.metrics = metrics;
        routes.meter(metrics);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Routes.Match match = routes.match(request.getMethod(), request.getHttpURI().getDecodedPath());
        if (match.fast() != null) {
            Exchange exchange = new Exchange(request, response, match.params(), metrics, match.meter());
            try {
                if (match.fast().tryHandle(exchange, callback)) {
                    counted(exchange, request, response);
                    return true;
                }
            } catch (Throwable failure) {
                request.getComponents().getExecutor().execute(() -> fail(exchange, response, callback, failure));
                return true;
            }
        }
        request.getComponents().getExecutor().execute(() -> handleBlocking(match, request, response, callback));
        return true;
    }

    private void handleBlocking(Routes.Match match, Request request, Response response, Callback callback) {
        ReasonPhrase.install(request);
        Exchange exchange = new Exchange(request, response, match.params(), metrics, match.meter());
        try {
            if (match.found()) {
                match.handler().handle(exchange);
            } else if (!match.allowed().isEmpty()) {
                exchange.header("Allow", String.join(", ", match.allowed()));
                exchange.sendText(405, "405 Method Not Allowed");
            } else {
                exchange.sendText(404, "404 Not Found");
            }
            exchange.finish();
            counted(exchange, request, response);
            callback.succeeded();
        } catch (Throwable failure) {
            fail(exchange, response, callback, failure);
        }
    }

    private static void counted(Exchange exchange, Request request, Response response) {
        exchange.meter().record(request.getMethod(), response.getStatus(), System.nanoTime() - request.getBeginNanoTime());
    }

    private void fail(Exchange exchange, Response response, Callback callback, Throwable failure) {
        String id = Long.toString(System.currentTimeMillis(), 36) + "-" + failures.incrementAndGet();
        LOG.error("request {} {} failed (error id {})", LogSafe.text(exchange.method()), LogSafe.text(exchange.path()),
                id, failure);
        if (exchange.isCommitted()) {
            counted(exchange, exchange.request(), response);
            callback.failed(failure);
            return;
        }
        try {
            response.reset();
            exchange.sendText(500, "500 Internal Server Error (error id " + id + ")");
            counted(exchange, exchange.request(), response);
            callback.succeeded();
        } catch (Throwable again) {
            callback.failed(failure);
        }
    }
}
