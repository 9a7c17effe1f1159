package dev.cheeseshop.xmlrpc;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Watches the document prolog (everything before the root element) as the XML parser reads it
 * and fails the read as soon as a {@code <!DOCTYPE} (or any {@code <!} other than a comment)
 * shows up, so the JDK parser never even scans a DTD. Comments and processing instructions are
 * skipped correctly; after the root element starts, characters pass through unexamined.
 */
final class PrologGuard extends FilterReader {
    private enum State {
        TEXT, LT, BANG, BANG_DASH, PI, PI_QUESTION, COMMENT, COMMENT_DASH, COMMENT_DASH_DASH, DONE
    }

    private State state = State.TEXT;
    private boolean refused;

    PrologGuard(Reader in) {
        super(in);
    }

    /** True once a DOCTYPE (or other markup declaration) was refused. */
    boolean refused() {
        return refused;
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c >= 0 && state != State.DONE) {
            scan((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        for (int i = off; i < off + n && state != State.DONE; i++) {
            scan(buf[i]);
        }
        return n;
    }

    private void scan(char c) throws IOException {
        state = switch (state) {
            case TEXT -> c == '<' ? State.LT : State.TEXT;
            case LT -> c == '!' ? State.BANG : c == '?' ? State.PI : State.DONE;
            case BANG -> c == '-' ? State.BANG_DASH : refuse();
            case BANG_DASH -> c == '-' ? State.COMMENT : refuse();
            case PI -> c == '?' ? State.PI_QUESTION : State.PI;
            case PI_QUESTION -> c == '>' ? State.TEXT : c == '?' ? State.PI_QUESTION : State.PI;
            case COMMENT -> c == '-' ? State.COMMENT_DASH : State.COMMENT;
            case COMMENT_DASH -> c == '-' ? State.COMMENT_DASH_DASH : State.COMMENT;
            case COMMENT_DASH_DASH -> c == '>' ? State.TEXT
                    : c == '-' ? State.COMMENT_DASH_DASH : State.COMMENT;
            case DONE -> State.DONE;
        };
    }

    private State refuse() throws IOException {
        refused = true;
        throw new IOException("DOCTYPE refused");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readAheadLimit) throws IOException {
        throw new IOException("mark not supported");
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("reset not supported");
    }
}
