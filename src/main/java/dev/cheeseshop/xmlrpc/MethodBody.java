package dev.cheeseshop.xmlrpc;

/**
 * The code behind one XML-RPC method. It runs only after its arguments passed the table's strict
 * checks. It returns any value {@link ResponseWriter#value(Object)} accepts (a
 * {@link StreamingValue} for huge results), throws {@link XmlRpcFault} for its own faults
 * (e.g. {@code XmlRpcFault.wrapped("RuntimeError", "...")}); any other exception becomes
 * -32500 {@code application error} in {@link Dispatcher}.
 */
@FunctionalInterface
public interface MethodBody {
    /** Runs the method with checked arguments. */
    Object call(Args args) throws Exception;
}
