package dev.cheeseshop.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One XML-RPC exchange over plain streams: parse the body, {@linkplain MethodTable#invoke run}
 * the call, write the result or the fault. Knows nothing of HTTP: the caller sends every outcome
 * with status 200 and {@code text/xml; charset=UTF-8}, as PyPI does.
 *
 * <p>Faults: the parser's (-32700/-32601), the table's (-32601/-32602), the gate's and the body's
 * go out as they are; any other exception, including {@link UnencodableValueException} and an
 * I/O error of a {@link StreamingValue}, becomes -32500 {@code application error}. A result is
 * buffered up to 64 KiB, so a failure before that still turns into a fault; after that the
 * response is already partly sent and {@link Outcome#truncated()} tells the caller to abort the
 * connection rather than finish it. Thread-safe (no per-call state is kept).
 */
public final class Dispatcher {
    /**
     * What happened, for logs and metrics.
     *
     * @param methodName the called method, or null when the body did not parse
     * @param fault      the fault sent (or that could not be sent), or null on success
     * @param error      the unexpected exception behind an {@code application error}, or null
     * @param truncated  true when the failure came after bytes were sent: abort the connection
     */
    public record Outcome(String methodName, XmlRpcFault fault, Throwable error,
                          boolean truncated) {
        /** True when a result (not a fault) was written completely. */
        public boolean ok() {
            return fault == null;
        }
    }

    private final MethodTable table;
    private final RequestParser parser;

    /** A dispatcher with a default {@link RequestParser}. */
    public Dispatcher(MethodTable table) {
        this(table, new RequestParser());
    }

    /** A dispatcher with the given parser (and so its limits). */
    public Dispatcher(MethodTable table, RequestParser parser) {
        this.table = Objects.requireNonNull(table, "table");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** The names of the methods it answers (the table's), in registration order. */
    public Set<String> methods() {
        return table.names();
    }

    /**
     * Handles one call.
     *
     * @param body     the raw request body (read up to the parser's limit, not closed)
     * @param keywords query-string arguments (see {@link MethodTable#invoke})
     * @param gate     rate limiting and the like, run after the method lookup
     * @param out      where the response goes (flushed, not closed)
     * @throws IOException only when writing a fault to {@code out} fails
     */
    public Outcome handle(InputStream body, Map<String, String> keywords, CallGate gate,
                          OutputStream out) throws IOException {
        ResponseWriter writer = new ResponseWriter(out);
        String method = null;
        XmlRpcFault fault;
        Throwable error = null;
        try {
            MethodCall call = parser.parse(body);
            method = call.methodName();
            Object result = table.invoke(method, call.params(), keywords, gate);
            writer.value(result).end();
            return new Outcome(method, null, null, false);
        } catch (XmlRpcFault f) {
            fault = f;
        } catch (Exception e) {
            fault = XmlRpcFault.applicationError(e);
            error = e;
        }
        if (writer.committed()) {
            return new Outcome(method, fault, error, true);
        }
        writer.fault(fault.code(), fault.message());
        return new Outcome(method, fault, error, false);
    }
}
