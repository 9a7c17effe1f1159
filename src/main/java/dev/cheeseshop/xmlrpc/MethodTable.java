package dev.cheeseshop.xmlrpc;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * XML-RPC methods by exact (case-sensitive) name, each with declared {@link Param}s checked the
 * way PyPI checks them before the {@link MethodBody} runs. Immutable and thread-safe once built.
 *
 * <pre>{@code
 * MethodTable table = MethodTable.builder()
 *     .method("changelog_since_serial", args -> since(args.clampedLong("serial")),
 *             Param.required("serial", ArgType.INT))
 *     .method("changelog", args -> { throw XmlRpcFault.wrapped("ValueError", "..."); },
 *             Param.required("since", ArgType.INT),
 *             Param.optional("with_ids", ArgType.BOOL, false))
 *     .build();
 * }</pre>
 */
public final class MethodTable {
    private record Method(List<Param> params, MethodBody body) {
    }

    private final Map<String, Method> methods;

    private MethodTable(Map<String, Method> methods) {
        this.methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    }

    /** A builder for a new table. */
    public static Builder builder() {
        return new Builder();
    }

    /** The registered method names, in registration order. */
    public Set<String> names() {
        return methods.keySet();
    }

    /** True when {@code methodName} is registered. */
    public boolean contains(String methodName) {
        return methods.containsKey(methodName);
    }

    /**
     * Runs a call: look the method up (-32601 {@code server error; requested method not found}),
     * pass it through {@code gate}, bind and check the arguments (-32602 {@code client error;
     * ...}), then run the body and return its result.
     *
     * @param keywords query-string arguments, in query order; for a repeated name use the last
     *                 value at the first position, as Python's {@code dict(request.params.items())}
     * @throws XmlRpcFault for the faults above and any fault of the body or the gate
     * @throws Exception   whatever else the body throws (an {@code application error})
     */
    public Object invoke(String methodName, List<Object> params, Map<String, String> keywords,
                         CallGate gate) throws Exception {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(keywords, "keywords");
        Objects.requireNonNull(gate, "gate");
        Method method = methods.get(methodName);
        if (method == null) {
            throw XmlRpcFault.methodNotFound();
        }
        gate.admit(methodName);
        Object[] values = ArgumentBinder.bind(method.params(), params, keywords);
        return method.body().call(new Args(method.params(), values));
    }

    /** {@link #invoke(String, List, Map, CallGate)} with no keywords and no gate. */
    public Object invoke(MethodCall call) throws Exception {
        return invoke(call.methodName(), call.params(), Map.of(), CallGate.OPEN);
    }

    /** Collects methods; {@link #build()} makes the immutable table. */
    public static final class Builder {
        private final Map<String, Method> methods = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Registers a method. Parameters follow Python's rules: unique names, required ones
         * before optional ones, and none named {@code request} (PyPI's hidden first parameter).
         *
         * @throws IllegalArgumentException on a duplicate method or an invalid parameter list
         */
        public Builder method(String name, MethodBody body, Param... params) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(body, "body");
            List<Param> list = List.copyOf(Arrays.asList(params));
            Set<String> seen = new HashSet<>();
            boolean optionalSeen = false;
            for (Param p : list) {
                if (!seen.add(p.name()) || p.name().equals(ArgumentBinder.REQUEST)) {
                    throw new IllegalArgumentException(name + ": bad parameter name " + p.name());
                }
                if (p.required() && optionalSeen) {
                    throw new IllegalArgumentException(
                            name + ": required " + p.name() + " after an optional");
                }
                optionalSeen |= !p.required();
            }
            if (methods.putIfAbsent(name, new Method(list, body)) != null) {
                throw new IllegalArgumentException("method registered twice: " + name);
            }
            return this;
        }

        /** The table. */
        public MethodTable build() {
            return new MethodTable(methods);
        }
    }
}
