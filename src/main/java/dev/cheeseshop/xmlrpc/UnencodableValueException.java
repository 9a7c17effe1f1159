package dev.cheeseshop.xmlrpc;

/**
 * A value that XML-RPC as PyPI speaks it cannot carry: an integer outside the 32-bit
 * {@code <int>} range (PyPI never emits {@code <i8>}), a type with no mapping, a struct key that
 * is not a string, or nesting beyond {@link ResponseWriter#MAX_NESTING}. Callers turn it into
 * fault -32500 {@code application error}, as PyPI does for CPython's OverflowError.
 */
public final class UnencodableValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** With a message for the server log. */
    public UnencodableValueException(String message) {
        super(message);
    }
}
