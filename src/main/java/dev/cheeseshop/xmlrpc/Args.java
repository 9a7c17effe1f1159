package dev.cheeseshop.xmlrpc;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The checked arguments of one call, by parameter name. Every declared parameter has a value:
 * the caller's, or the declared default. The typed getters assume the declared {@link ArgType}
 * (asking for a type the parameter was not declared with is a programming error and throws
 * {@link ClassCastException}); an unknown name throws {@link IllegalArgumentException}.
 */
public final class Args {
    private final List<Param> params;
    private final Object[] values;

    Args(List<Param> params, Object[] values) {
        this.params = params;
        this.values = values;
    }

    /** The declared parameters, in order. */
    public List<Param> params() {
        return params;
    }

    /** The raw value (any type the parser produces, a keyword's String, or the default). */
    public Object get(String name) {
        for (int i = 0; i < values.length; i++) {
            if (params.get(i).name().equals(name)) {
                return values[i];
            }
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    /** A {@link ArgType#STR} value. */
    public String string(String name) {
        return (String) get(name);
    }

    /** A {@link ArgType#BOOL} value. */
    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    /** An {@link ArgType#INT} / {@link ArgType#INT_OR_NONE} value of any size; null for nil. */
    public BigInteger integer(String name) {
        Object v = get(name);
        if (v == null || v instanceof BigInteger) {
            return (BigInteger) v;
        }
        return BigInteger.valueOf(((Number) v).longValue());
    }

    /**
     * An {@link ArgType#INT} value saturated to the long range: a serial beyond
     * {@code Long.MAX_VALUE} still compares as "after everything", and one below
     * {@code Long.MIN_VALUE} as "before everything".
     */
    public long clampedLong(String name) {
        Object v = get(name);
        if (v instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                return b.longValue();
            }
            return b.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return ((Number) v).longValue();
    }

    /** A {@link ArgType#LIST_OF_STR} value. */
    @SuppressWarnings("unchecked")
    public List<String> stringList(String name) {
        return (List<String>) get(name);
    }

    /** A {@link ArgType#SEARCH_SPEC} value: String or List&lt;String&gt; values. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        return (Map<String, Object>) get(name);
    }
}
