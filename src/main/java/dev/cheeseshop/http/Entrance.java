package dev.cheeseshop.http;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Where every request enters, before the router: it gets its id, sent back as
 * {@value #REQUEST_ID_HEADER} and named by the access log and by a failure's log line and 500
 * answer; and it is counted while in flight, so that a graceful stop ({@link GracefulHandler})
 * waits for it. Once the server is shutting down, a new request is answered 503 (a readiness
 * probe with its JSON), while those already in flight finish.
 *
 * <p>An id is this process's random prefix and a counter, {@code k3j9x2ab-17}: unique among the
 * servers that share one log, never taken from the client.
 */
final class Entrance extends GracefulHandler {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String ID_ATTRIBUTE = "dev.cheeseshop.requestId";
    private static final String USER_ATTRIBUTE = "dev.cheeseshop.user";

    private final String prefix = Long.toString(new SecureRandom().nextLong() >>> 23, 36);
    private final AtomicLong counter = new AtomicLong();

    Entrance(Handler router) {
        setHandler(router);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String id = prefix + "-" + counter.incrementAndGet();
        request.setAttribute(ID_ATTRIBUTE, id);
        response.getHeaders().put(REQUEST_ID_HEADER, id);
        if (isShutdown() && "/ready".equals(request.getHttpURI().getPath())) {
            byte[] body = HealthHandlers.shuttingDown();
            response.setStatus(503);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, HealthHandlers.JSON);
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** The request's id, or null for one that never reached a handler (refused by Jetty itself). */
    static String id(Request request) {
        return (String) request.getAttribute(ID_ATTRIBUTE);
    }

    /** Records who made the request, for the access log: a username, never a secret. */
    static void user(Request request, String username) {
        request.setAttribute(USER_ATTRIBUTE, username);
    }

    /** Who made the request, if it was authenticated. */
    static String user(Request request) {
        return (String) request.getAttribute(USER_ATTRIBUTE);
    }
}
