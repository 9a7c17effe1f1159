package dev.cheeseshop.xmlrpc;

import java.io.IOException;

/**
 * A value that writes itself to a {@link ResponseWriter} when the response is written, so a huge
 * array or struct never has to exist in memory. {@link #writeTo} must write exactly one value
 * (a scalar, or a balanced {@code begin…}/{@code end…} pair); the writer checks this. A method
 * body may return one, and {@link ResponseWriter#value(Object)} accepts one anywhere a value
 * may appear.
 *
 * <pre>{@code
 * return (StreamingValue) w -> {
 *     w.beginStruct();
 *     for (Row r : rows) { w.member(r.name()).value(r.serial()); }
 *     w.endStruct();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface StreamingValue {
    /** Writes exactly one value. */
    void writeTo(ResponseWriter out) throws IOException;
}
