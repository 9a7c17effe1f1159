package dev.cheeseshop.xmlrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

/**
 * A byte buffer in front of an {@link OutputStream} that encodes text as UTF-8 and XML-escapes
 * it the way CPython's marshaller does ({@code &}, {@code <}, {@code >} only), dropping
 * characters that XML 1.0 does not allow. Nothing reaches the stream until the buffer fills or
 * is flushed; until then the output can still be {@linkplain #discard() discarded}.
 */
final class XmlOutput {
    private static final byte[] AMP = Wire.ascii("&amp;");
    private static final byte[] LT = Wire.ascii("&lt;");
    private static final byte[] GT = Wire.ascii("&gt;");
    /** Per ASCII char: 0 copy, 1 escape, 2 drop (control characters XML 1.0 forbids). */
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_CLASS[c] = 2;
        }
        ASCII_CLASS['\t'] = 0;
        ASCII_CLASS['\n'] = 0;
        ASCII_CLASS['\r'] = 0;
        ASCII_CLASS['&'] = 1;
        ASCII_CLASS['<'] = 1;
        ASCII_CLASS['>'] = 1;
    }

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private boolean committed;

    XmlOutput(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 64)];
    }

    /** True once any byte has been handed to the underlying stream. */
    boolean committed() {
        return committed;
    }

    /** Forgets the buffered bytes; only meaningful while not {@link #committed()}. */
    void discard() {
        pos = 0;
    }

    void raw(byte[] bytes) throws IOException {
        if (bytes.length > buf.length - pos) {
            drain();
            if (bytes.length > buf.length) {
                committed = true;
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** A decimal integer. */
    void decimal(long v) throws IOException {
        if (buf.length - pos < 20) {
            drain();
        }
        if (v == Long.MIN_VALUE) {
            raw(Wire.ascii(Long.toString(v)));
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        pos = end;
    }

    /** Escaped, filtered UTF-8 text: lone surrogates, U+FFFE, U+FFFF and C0 controls dropped. */
    void text(CharSequence s) throws IOException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (buf.length - pos < 8) {
                drain();
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                byte kind = ASCII_CLASS[c];
                if (kind == 0) {
                    buf[pos++] = (byte) c;
                } else if (kind == 1) {
                    byte[] esc = c == '&' ? AMP : c == '<' ? LT : GT;
                    System.arraycopy(esc, 0, buf, pos, esc.length);
                    pos += esc.length;
                }
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xc0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[pos++] = (byte) (0xf0 | (cp >> 18));
                    buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    buf[pos++] = (byte) (0x80 | (cp & 0x3f));
                }
            } else if (c < 0xfffe) {
                buf[pos++] = (byte) (0xe0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    /** A whole fault document, laid out as CPython dumps a {@code Fault}. */
    void fault(int code, String message) throws IOException {
        raw(Wire.HEADER);
        raw(Wire.FAULT_OPEN);
        decimal(code);
        raw(Wire.FAULT_MIDDLE);
        text(message);
        raw(Wire.FAULT_CLOSE);
    }

    /** A whole {@code <base64>} value laid out as {@code base64.encodebytes}: 76-char lines. */
    void base64(byte[] bytes) throws IOException {
        raw(Wire.BASE64_OPEN);
        if (bytes.length > 0) {
            raw(Base64.getMimeEncoder(76, Wire.NEWLINE).encode(bytes));
            raw(Wire.NEWLINE);
        }
        raw(Wire.BASE64_CLOSE);
    }

    /** Hands the buffered bytes to the stream (without flushing it). */
    void drain() throws IOException {
        if (pos > 0) {
            committed = true;
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }
}
