package dev.cheeseshop.xmlrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.BaseStream;

/**
 * Writes one {@code <methodResponse>} as UTF-8, byte for byte as CPython's
 * {@code xmlrpc.client.dumps((value,), methodresponse=True, allow_none=True)} lays it out, which
 * is what PyPI sends. Either build the value with {@code beginArray}/{@code beginStruct}/
 * {@code member}/{@code value}/{@code end…} calls (streaming: nothing is held in memory beyond a
 * 64 KiB buffer), or pass a whole value to {@link #value(Object)} or {@link #writeResponse}.
 *
 * <p>Mapping: {@code Integer Long Short Byte BigInteger} → {@code <int>}, only within
 * -2^31..2^31-1, never {@code <i8>} (otherwise {@link UnencodableValueException});
 * {@code Boolean} → {@code <boolean>}; {@code String}/{@code CharSequence} → {@code <string>};
 * null → {@code <nil/>}; {@code Double}/{@code Float} → {@code <double>} in Python's
 * {@code repr}; {@code Map} (String keys, iteration order) → {@code <struct>};
 * {@code Iterable}, {@code Iterator}, {@code Stream} (closed after use), {@code Object[]} →
 * {@code <array>};
 * {@code byte[]} → {@code <base64>}; {@link XmlRpcDateTime} → {@code <dateTime.iso8601>};
 * {@link StreamingValue} → whatever it writes.
 *
 * <p>Text escapes only {@code & < >}, like CPython; a {@code \r} is written raw (an XML reader
 * will see it as a newline, as with PyPI). Unlike CPython, which writes them raw and so produces
 * broken XML, characters that XML 1.0 forbids (C0 controls other than tab, LF and CR, lone
 * surrogates, U+FFFE, U+FFFF) are <b>dropped</b>.
 *
 * <p>Bytes reach the stream only when the buffer fills or at {@link #end()}; while
 * {@link #committed()} is false the response can still be replaced by {@link #fault}. Misuse
 * (a value where a member name is due, unbalanced ends, a second top-level value) throws
 * {@link IllegalStateException}. Not thread-safe; does not close the stream.
 */
public final class ResponseWriter {
    /** The deepest nesting of arrays and structs accepted (guards against cyclic values). */
    public static final int MAX_NESTING = 256;

    private static final byte TOP = 0;
    private static final byte ARRAY = 1;
    private static final byte STRUCT_NAME = 2;
    private static final byte STRUCT_VALUE = 3;

    private final XmlOutput out;
    private byte[] state = new byte[16];
    private int[] written = new int[16]; // values completed at each level
    private int level;
    private boolean finished;

    /** A writer over {@code out} with a 64 KiB buffer. */
    public ResponseWriter(OutputStream out) {
        this.out = new XmlOutput(out, 64 * 1024);
    }

    /** Writes {@code value} as a complete response and flushes the stream. */
    public static void writeResponse(OutputStream out, Object value) throws IOException {
        new ResponseWriter(out).value(value).end();
    }

    /** Writes a complete fault response and flushes the stream. */
    public static void writeFault(OutputStream out, int code, String message) throws IOException {
        new ResponseWriter(out).fault(code, message);
    }

    /** Opens an array; its elements follow as values, then {@link #endArray()}. */
    public ResponseWriter beginArray() throws IOException {
        beforeValue();
        out.raw(Wire.ARRAY_OPEN);
        push(ARRAY);
        return this;
    }

    /** Closes the innermost array. */
    public ResponseWriter endArray() throws IOException {
        pop(ARRAY);
        out.raw(Wire.ARRAY_CLOSE);
        return afterValue();
    }

    /** Opens a struct: {@link #member} + value pairs follow, then {@link #endStruct()}. */
    public ResponseWriter beginStruct() throws IOException {
        beforeValue();
        out.raw(Wire.STRUCT_OPEN);
        push(STRUCT_NAME);
        return this;
    }

    /** Starts a struct member; the next value written is its value. */
    public ResponseWriter member(String name) throws IOException {
        if (finished || state[level] != STRUCT_NAME) {
            throw new IllegalStateException("member name outside a struct or where a value is due");
        }
        out.raw(Wire.MEMBER_OPEN);
        out.text(name);
        out.raw(Wire.NAME_CLOSE);
        state[level] = STRUCT_VALUE;
        return this;
    }

    /** Closes the innermost struct. */
    public ResponseWriter endStruct() throws IOException {
        pop(STRUCT_NAME);
        out.raw(Wire.STRUCT_CLOSE);
        return afterValue();
    }

    /** Writes an {@code <int>}; outside 32 bits throws {@link UnencodableValueException}. */
    public ResponseWriter value(long v) throws IOException {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new UnencodableValueException("int exceeds XML-RPC limits: " + v);
        }
        beforeValue();
        out.raw(Wire.INT_OPEN);
        out.decimal(v);
        out.raw(Wire.INT_CLOSE);
        return afterValue();
    }

    /** Writes a {@code <string>}, or {@code <nil/>} for null. */
    public ResponseWriter value(String v) throws IOException {
        if (v == null) {
            return nil();
        }
        beforeValue();
        out.raw(Wire.STRING_OPEN);
        out.text(v);
        out.raw(Wire.STRING_CLOSE);
        return afterValue();
    }

    /** Writes a {@code <boolean>}. */
    public ResponseWriter value(boolean v) throws IOException {
        beforeValue();
        out.raw(v ? Wire.TRUE : Wire.FALSE);
        return afterValue();
    }

    /** Writes {@code <nil/>}. */
    public ResponseWriter nil() throws IOException {
        beforeValue();
        out.raw(Wire.NIL);
        return afterValue();
    }

    /** Writes any supported value (see the class comment), recursing into containers. */
    public ResponseWriter value(Object v) throws IOException {
        if (v == null) {
            return nil();
        } else if (v instanceof String s) {
            return value(s);
        } else if (v instanceof Boolean b) {
            return value(b.booleanValue());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte) {
            return value(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            if (b.bitLength() > 31) {
                throw new UnencodableValueException("int exceeds XML-RPC limits: " + b);
            }
            return value(b.longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return scalar(Wire.DOUBLE_OPEN, PyFloatRepr.repr(d), Wire.DOUBLE_CLOSE);
        } else if (v instanceof CharSequence s) {
            return value(s.toString());
        } else if (v instanceof byte[] bytes) {
            beforeValue();
            out.base64(bytes);
            return afterValue();
        } else if (v instanceof XmlRpcDateTime t) {
            return scalar(Wire.DATETIME_OPEN, t.text(), Wire.DATETIME_CLOSE);
        } else if (v instanceof Map<?, ?> map) {
            beginStruct();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new UnencodableValueException("struct key not a string: " + e.getKey());
                }
                member(key).value(e.getValue());
            }
            return endStruct();
        } else if (v instanceof Iterable<?> items) {
            return array(items.iterator());
        } else if (v instanceof Iterator<?> items) {
            return array(items);
        } else if (v instanceof BaseStream<?, ?> stream) {
            try (stream) {
                return array(stream.iterator());
            }
        } else if (v instanceof Object[] items) {
            return array(Arrays.asList(items).iterator());
        } else if (v instanceof StreamingValue streaming) {
            return streamed(streaming);
        }
        throw new UnencodableValueException("cannot marshal " + v.getClass().getName());
    }

    /** Finishes the response (exactly one top-level value must have been written) and flushes. */
    public void end() throws IOException {
        if (finished || level != 0 || written[0] != 1) {
            throw new IllegalStateException("end() needs exactly one complete top-level value");
        }
        out.raw(Wire.PARAMS_CLOSE);
        out.flush();
        finished = true;
    }

    /** True once bytes have reached the stream, so the response can no longer become a fault. */
    public boolean committed() {
        return out.committed();
    }

    /**
     * Replaces whatever was written so far by a fault response and flushes it.
     *
     * @throws IllegalStateException if already {@link #committed()} or finished
     */
    public void fault(int code, String message) throws IOException {
        if (finished || out.committed()) {
            throw new IllegalStateException("response already committed");
        }
        finished = true;
        out.discard();
        out.fault(code, message);
        out.flush();
    }

    private ResponseWriter array(Iterator<?> items) throws IOException {
        beginArray();
        while (items.hasNext()) {
            value(items.next());
        }
        return endArray();
    }

    private ResponseWriter streamed(StreamingValue streaming) throws IOException {
        int atLevel = level;
        int before = written[atLevel];
        streaming.writeTo(this);
        if (level != atLevel || written[atLevel] != before + 1) {
            throw new IllegalStateException("a StreamingValue must write exactly one value");
        }
        return this;
    }

    private ResponseWriter scalar(byte[] open, String text, byte[] close) throws IOException {
        beforeValue();
        out.raw(open);
        out.text(text);
        out.raw(close);
        return afterValue();
    }

    private void beforeValue() throws IOException {
        if (finished) {
            throw new IllegalStateException("response already finished");
        }
        switch (state[level]) {
            case TOP -> {
                if (written[0] != 0) {
                    throw new IllegalStateException("a response carries exactly one value");
                }
                out.raw(Wire.HEADER);
                out.raw(Wire.PARAMS_OPEN);
            }
            case STRUCT_NAME -> throw new IllegalStateException("member(name) must come first");
            default -> { }
        }
    }

    private ResponseWriter afterValue() throws IOException {
        written[level]++;
        if (state[level] == STRUCT_VALUE) {
            out.raw(Wire.MEMBER_CLOSE);
            state[level] = STRUCT_NAME;
        }
        return this;
    }

    private void push(byte kind) {
        if (level + 1 > MAX_NESTING) {
            throw new UnencodableValueException("nested deeper than " + MAX_NESTING);
        }
        if (++level == state.length) {
            state = Arrays.copyOf(state, level * 2);
            written = Arrays.copyOf(written, level * 2);
        }
        state[level] = kind;
        written[level] = 0;
    }

    private void pop(byte kind) {
        if (finished || level == 0 || state[level] != kind) {
            throw new IllegalStateException("no open " + (kind == ARRAY ? "array" : "struct")
                    + " to close here");
        }
        level--;
    }
}
