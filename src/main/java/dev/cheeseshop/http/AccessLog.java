package dev.cheeseshop.http;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request, through Jetty's request log, to the logger {@code dev.cheeseshop.http.AccessLog}
 * (the server's logging decides where it goes). The line is the combined log format, followed by
 * the request's id and how long it took (in milliseconds):
 *
 * <pre>127.0.0.1 - alice [03/Dec/2026:13:24:04 +0000] "POST /legacy/ HTTP/1.1" 200 1234 "-" "twine/6.1.0" k3j9x2ab-17 35ms</pre>
 *
 * The user is the authenticated username ({@code -} for none), never a password, a token or the
 * {@code Authorization} header. The same values go with the event as key-value pairs
 * ({@code client}, {@code user}, {@code method}, {@code uri}, {@code protocol},
 * {@code status}, {@code bytes}, {@code duration_ms}, {@code referer}, {@code user_agent}), which
 * a JSON encoder writes as fields, and the id as the logging context's {@code request_id}, as for
 * every line logged while the request is handled. What the client sent is {@link LogSafe}, and quotes inside a
 * quoted field are escaped, so a request cannot forge a line or a field.
 */
final class AccessLog implements RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    AccessLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void log(Request request, Response response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long millis = NanoTime.millisSince(request.getBeginNanoTime());
        Instant began = clock.instant().minusMillis(millis);
        String id = Entrance.id(request);
        String user = Entrance.user(request);
        String client = Request.getRemoteAddr(request);
        String method = LogSafe.text(request.getMethod());
        String uri = LogSafe.text(request.getHttpURI().getPathQuery());
        String protocol = LogSafe.text(request.getConnectionMetaData().getProtocol());
        int status = response.getStatus();
        long bytes = Response.getContentBytesWritten(response);
        String referer = request.getHeaders().get(HttpHeader.REFERER);
        String agent = request.getHeaders().get(HttpHeader.USER_AGENT);
        String line = client + " - " + (user == null ? "-" : LogSafe.text(user).replace(' ', '_'))
                + " [" + TIME.format(began) + "] \"" + quoted(method + " " + uri + " " + protocol) + "\" "
                + status + " " + (bytes == 0 ? "-" : Long.toString(bytes))
                + " \"" + (referer == null ? "-" : quoted(LogSafe.text(referer))) + "\""
                + " \"" + (agent == null ? "-" : quoted(LogSafe.text(agent))) + "\""
                + " " + (id == null ? "-" : id) + " " + millis + "ms";
        LoggingEventBuilder event = LOG.atInfo().setMessage(line)
                .addKeyValue("client", client)
                .addKeyValue("user", user == null ? null : LogSafe.text(user))
                .addKeyValue("method", method)
                .addKeyValue("uri", uri)
                .addKeyValue("protocol", protocol)
                .addKeyValue("status", status)
                .addKeyValue("bytes", bytes)
                .addKeyValue("duration_ms", millis)
                .addKeyValue("referer", referer == null ? null : LogSafe.text(referer))
                .addKeyValue("user_agent", agent == null ? null : LogSafe.text(agent));
        // The id as the logging context has it while a handler runs: one field, whichever thread logs.
        String previous = MDC.get(Router.MDC_REQUEST_ID);
        if (id != null) {
            MDC.put(Router.MDC_REQUEST_ID, id);
        }
        try {
            event.log();
        } finally {
            if (previous == null) {
                MDC.remove(Router.MDC_REQUEST_ID);
            } else {
                MDC.put(Router.MDC_REQUEST_ID, previous);
            }
        }
    }

    /** Text for inside double quotes: a quote is escaped (the backslash is already doubled by {@link LogSafe}). */
    private static String quoted(String safe) {
        return safe.replace("\"", "\\\"");
    }
}
