package dev.cheeseshop.xmlrpc;

import java.util.Objects;

/**
 * One declared parameter of a method in a {@link MethodTable}: its name (used in error messages
 * and as the keyword a query-string argument binds to), its type, and whether it is required or
 * has a default.
 *
 * @param name         the parameter name, as in PyPI's Python signature
 * @param type         the strict type checked before the body runs
 * @param required     true when the caller must supply it
 * @param defaultValue the value bound when an optional parameter is not supplied
 */
public record Param(String name, ArgType type, boolean required, Object defaultValue) {
    /** Validates the name and type. */
    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty parameter name");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("a required parameter has no default");
        }
    }

    /** A required parameter, e.g. {@code required("serial", ArgType.INT)}. */
    public static Param required(String name, ArgType type) {
        return new Param(name, type, true, null);
    }

    /** An optional parameter, e.g. {@code optional("with_ids", ArgType.BOOL, false)}. */
    public static Param optional(String name, ArgType type, Object defaultValue) {
        return new Param(name, type, false, defaultValue);
    }
}
