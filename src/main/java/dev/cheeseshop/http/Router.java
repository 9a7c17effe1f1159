package dev.cheeseshop.http;

import dev.cheeseshop.metrics.Metrics;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Jetty's entry point. It is non-blocking: Jetty calls it on the I/O thread that parsed the
 * request. A route with a {@link Routes.FastHandler} is tried there first (an answer from memory,
 * such as a cached Simple page, costs no thread hand-off); everything else, and whatever the fast
 * handler declines, is handed to a worker thread, where the route's handler may block. A handler
 * that throws gets a plain 500 when nothing has been sent yet (the failure is logged with an id
 * the client sees, never a stack trace), or an aborted connection when the answer was already
 * under way. That id is the request's own ({@link Entrance}): the access log line and the
 * {@code X-Request-Id} header name it too, and while a handler runs on a worker thread it is in
 * the logging context ({@value #MDC_REQUEST_ID}), so every line logged for the request carries it.
 * The logged method and path are {@link LogSafe}: a {@code %0A} cannot forge a line.
 *
 * <p>Every answered request is counted under its route's meter (or the one a route group chose)
 * with its status and the time since Jetty began the request: for the fast path, until the answer
 * is handed to Jetty's non-blocking write; for the others, until the handler has finished (a
 * streamed body written out). That costs one {@code System.nanoTime} and one observation.
 */
final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** The logging context's key for the request's id (a field of its own in JSON logs). */
    static final String MDC_REQUEST_ID = "request_id";

    private final Routes routes;
    private final Metrics metrics;

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
        String id = Entrance.id(request);
        if (id != null) {
            MDC.put(MDC_REQUEST_ID, id);
        }
        try {
            dispatch(match, request, response, callback);
        } finally {
            MDC.remove(MDC_REQUEST_ID);
        }
    }

    private void dispatch(Routes.Match match, Request request, Response response, Callback callback) {
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

    /** Whether reading or writing the exchange failed because its connection closed or idled out. */
    private static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EofException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void fail(Exchange exchange, Response response, Callback callback, Throwable failure) {
        String id = Entrance.id(exchange.request());
        String previous = MDC.get(MDC_REQUEST_ID);
        MDC.put(MDC_REQUEST_ID, String.valueOf(id));
        try {
            if (connectionLost(failure)) {
                // The client went away (or stalled past the idle timeout): not the server's failure.
                LOG.info("request {} {} ended early: the connection was lost ({})", LogSafe.text(exchange.method()),
                        LogSafe.text(exchange.path()), LogSafe.text(String.valueOf(failure.getMessage())));
            } else {
                LOG.error("request {} {} failed (error id {})", LogSafe.text(exchange.method()),
                        LogSafe.text(exchange.path()), id, failure);
            }
        } finally {
            if (previous == null) {
                MDC.remove(MDC_REQUEST_ID);
            }
        }
        if (exchange.isCommitted()) {
            counted(exchange, exchange.request(), response);
            callback.failed(failure);
            return;
        }
        try {
            response.reset();
            if (id != null) {
                response.getHeaders().put(Entrance.REQUEST_ID_HEADER, id);
            }
            exchange.sendText(500, "500 Internal Server Error (error id " + id + ")");
            counted(exchange, exchange.request(), response);
            callback.succeeded();
        } catch (Throwable again) {
            callback.failed(failure);
        }
    }
}
