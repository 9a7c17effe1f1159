package dev.cheeseshop.xmlrpc;

/**
 * A hook run after the method was found and before its arguments are checked: the point where
 * PyPI applies its HTTP-method check and its rate limiter (so unknown methods are not counted,
 * but calls with bad arguments are). It admits the call by returning, or refuses it by throwing
 * an {@link XmlRpcFault}, e.g. {@code XmlRpcFault.wrapped("HTTPTooManyRequests", "...")}.
 */
@FunctionalInterface
public interface CallGate {
    /** Admits everything. */
    CallGate OPEN = methodName -> { };

    /** Returns to admit the call to {@code methodName}; throws to refuse it. */
    void admit(String methodName) throws XmlRpcFault;
}
