package dev.cheeseshop.xmlrpc;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One parsed {@code <methodCall>}: the method name and its positional parameters.
 *
 * <p>Parameter values are {@code Long}/{@code BigInteger}, {@code Boolean}, {@code String},
 * {@code Double}, {@code BigDecimal}, {@code byte[]}, {@link XmlRpcDateTime}, {@code null},
 * {@code List<Object>} and {@code LinkedHashMap<String,Object>} (see {@link RequestParser}).
 *
 * @param methodName the text of {@code <methodName>}, possibly empty, never null
 * @param params     the parameters in order; unmodifiable, may contain nulls
 */
public record MethodCall(String methodName, List<Object> params) {
    /** Copies nothing; wraps {@code params} unmodifiable. */
    public MethodCall {
        Objects.requireNonNull(methodName, "methodName");
        params = Collections.unmodifiableList(Objects.requireNonNull(params, "params"));
    }
}
