package dev.cheeseshop.xmlrpc;

import java.util.List;
import java.util.Objects;

/**
 * An XML-RPC fault: a {@code faultCode} and a {@code faultString}, exactly as they go on the wire.
 *
 * <p>Thrown by {@link RequestParser}, by argument checking in {@link MethodTable}, and by method
 * bodies for their own faults. It is unchecked and carries no stack trace, because it is an
 * expected outcome, not a bug. {@link #detail()} and {@link #getCause()} hold diagnostics for the
 * server's log only; they never reach the client.
 */
public final class XmlRpcFault extends RuntimeException {
    /** -32700: the body is not a well-formed XML-RPC call (also every parser limit breach). */
    public static final int PARSE_ERROR = -32700;
    /** -32601: unknown method, or no {@code <methodName>}. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** -32602: argument validation failed ({@code client error; ...}). */
    public static final int INVALID_PARAMS = -32602;
    /** -32500: unexpected server error, or a method's own error ({@code ExcClass: message}). */
    public static final int APPLICATION_ERROR = -32500;

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String detail;

    /** A fault with the given wire code and string. */
    public XmlRpcFault(int code, String message) {
        this(code, message, null, null);
    }

    /** A fault with a log-only {@code detail} and {@code cause} (both may be null). */
    public XmlRpcFault(int code, String message, String detail, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.code = code;
        this.detail = detail;
    }

    /** {@code -32700 parse error; not well formed}, with a log-only detail. */
    public static XmlRpcFault parseError(String detail, Throwable cause) {
        return new XmlRpcFault(PARSE_ERROR, "parse error; not well formed", detail, cause);
    }

    /** {@code -32601 server error; requested method not found}. */
    public static XmlRpcFault methodNotFound() {
        return new XmlRpcFault(METHOD_NOT_FOUND, "server error; requested method not found");
    }

    /** {@code -32602 client error; <e1>; <e2>...}, as Warehouse words argument errors. */
    public static XmlRpcFault invalidParams(List<String> errors) {
        return new XmlRpcFault(INVALID_PARAMS, "client error; " + String.join("; ", errors));
    }

    /** {@code -32500 application error}: what an unexpected server exception becomes. */
    public static XmlRpcFault applicationError(Throwable cause) {
        return new XmlRpcFault(APPLICATION_ERROR, "application error", null, cause);
    }

    /**
     * {@code -32500 <exceptionClass>: <message>}, the shape of Warehouse's wrapped errors, e.g.
     * {@code wrapped("RuntimeError", "This API has been deprecated. ...")}.
     */
    public static XmlRpcFault wrapped(String exceptionClass, String message) {
        return new XmlRpcFault(APPLICATION_ERROR, exceptionClass + ": " + message);
    }

    /** The wire {@code faultCode}. */
    public int code() {
        return code;
    }

    /** The wire {@code faultString}. */
    public String message() {
        return getMessage();
    }

    /** Log-only explanation (e.g. which limit was breached), or null. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        String log = detail == null ? "" : " (" + detail + ")";
        return "XmlRpcFault[" + code + " " + getMessage() + log + "]";
    }
}
