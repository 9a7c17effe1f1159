package dev.cheeseshop.proxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@code InputStream} whose reads wait at most a bound: the stall timeout
 * (no byte for that long) and, when given, a deadline for the whole body. The JDK's
 * {@code BodyHandlers.ofInputStream()} blocks a read for ever, and its request timeout ends with
 * the headers; this subscribes to the body's publisher itself, one list of buffers at a time (so
 * at most one is held), and polls for the next with a timeout. A read past a bound, and every read
 * after a failure, throws a {@link BodyFailure} with a message for the operator; closing cancels
 * the exchange (the connection is dropped unless the body was read to its end) and fails a read
 * waiting in another thread at once.
 *
 * <p>Waits are measured by the JDK's blocking queue on the monotonic clock: a timeout is a length
 * of waiting, not a time of day, so the injected {@code Clock} has no part in it.
 */
final class TimedBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();
    private static final Object CLOSED = new Object();

    /** A failure of the body, with a message that names the host and what happened. */
    static final class BodyFailure extends IOException {
        private static final long serialVersionUID = 1L;

        BodyFailure(String message) {
            super(message);
        }
    }

    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final String host;
    private final long stallNanos;
    private final long deadline;
    private final boolean hasDeadline;
    private Flow.Subscription subscription;
    private volatile boolean closed;
    private boolean requestNext;
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private boolean ended;
    private IOException failure;

    /**
     * A body from {@code host} (for messages), each read waiting at most {@code stallNanos}, and
     * all of it done by {@code deadline} ({@code System.nanoTime()} based) when {@code hasDeadline}.
     */
    TimedBody(String host, long stallNanos, long deadline, boolean hasDeadline) {
        this.host = host;
        this.stallNanos = stallNanos;
        this.deadline = deadline;
        this.hasDeadline = hasDeadline;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (this) {
            subscription = s;
            cancel = closed;
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrivals.add(item);
    }

    @Override
    public void onError(Throwable error) {
        arrivals.add(error);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    @Override
    public int read() throws IOException {
        return fill() ? current.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, current.remaining());
        current.get(into, offset, n);
        return n;
    }

    @Override
    public int available() {
        return current.remaining();
    }

    /** Makes {@code current} hold bytes; false at the end of the body. */
    private boolean fill() throws IOException {
        while (!current.hasRemaining()) {
            if (failure != null) {
                throw failure;
            }
            if (closed) {
                throw new IOException("the body from " + host + " is closed");
            }
            if (ended) {
                return false;
            }
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (requestNext) {
                requestNext = false;
                subscription().request(1);
            }
            Object next = next();
            if (next == CLOSED) {
                throw new IOException("the body from " + host + " is closed");
            }
            if (next == END) {
                ended = true;
            } else if (next instanceof Throwable error) {
                failure = new BodyFailure("upstream " + host + ": the connection failed while reading ("
                        + Messages.describe(error) + ")");
            } else {
                @SuppressWarnings("unchecked")
                List<ByteBuffer> list = (List<ByteBuffer>) next;
                buffers = list.iterator();
                requestNext = true;
            }
        }
        return true;
    }

    private Object next() throws IOException {
        long wait = stallNanos;
        boolean byDeadline = false;
        if (hasDeadline) {
            long left = deadline - System.nanoTime();
            if (left < wait) {
                wait = Math.max(0, left);
                byDeadline = true;
            }
        }
        Object next;
        try {
            next = arrivals.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new BodyFailure("upstream " + host + ": interrupted while reading");
            cancel();
            throw failure;
        }
        if (next == null) {
            failure = new BodyFailure("upstream " + host + (byDeadline
                    ? ": the answer was not complete within " + Messages.duration(stallNanos)
                    : ": no data for " + Messages.duration(stallNanos) + " while reading"));
            cancel();
            throw failure;
        }
        return next;
    }

    private synchronized Flow.Subscription subscription() {
        return subscription;
    }

    private void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * Reads and drops what is left of a short body, up to {@code limit} bytes, so that the
     * connection can carry the next request; a failure or a longer body just ends it.
     */
    void discard(long limit) {
        byte[] sink = new byte[8192];
        long left = limit;
        try {
            while (left > 0) {
                int n = read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // dropped with the connection by close()
        }
    }

    @Override
    public void close() {
        Flow.Subscription s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = subscription;
        }
        arrivals.add(CLOSED);
        if (s != null && !ended) {
            s.cancel();
        }
    }
}
