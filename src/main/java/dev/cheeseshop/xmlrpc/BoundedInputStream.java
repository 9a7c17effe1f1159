package dev.cheeseshop.xmlrpc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from a request body and fails once more than {@code limit} bytes
 * arrive: at most {@code limit + 1} bytes are ever read from the wrapped stream. Closing it does
 * not close the wrapped stream (that belongs to the caller).
 */
final class BoundedInputStream extends FilterInputStream {
    /** Thrown (through the XML parser) when the body is larger than the limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("request body exceeds " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;
    private boolean exceeded;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** True once the body turned out to be larger than the limit. */
    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        if (count >= limit) {
            return probe();
        }
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (count >= limit) {
            return probe();
        }
        int n = in.read(b, off, (int) Math.min(len, limit - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    /** At the limit: end of stream is fine, one more byte is a breach. */
    private int probe() throws IOException {
        if (exceeded || in.read() >= 0) {
            exceeded = true;
            throw new TooLargeException(limit);
        }
        return -1;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), Math.max(0, limit - count));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readlimit) {
        // not supported
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() {
        // the caller owns the wrapped stream
    }
}
