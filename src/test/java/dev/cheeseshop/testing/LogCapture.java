package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The events one logger logs during a test, at {@code level} and above, kept from the build's
 * output. Some are logged after the client has its answer (the access log's line is written when
 * the exchange completes), so a test waits for the event it wants, up to a deadline.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level level;
    private final boolean additive;
    private final BlockingQueue<ILoggingEvent> arrived = new LinkedBlockingQueue<>();
    private final List<ILoggingEvent> seen = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            arrived.add(event);
        }
    };

    public LogCapture(Class<?> loggerOf, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerOf);
        this.level = logger.getLevel();
        this.additive = logger.isAdditive();
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(false);
    }

    /** The first event that {@code wanted} accepts, waiting up to 30 seconds for it. */
    public ILoggingEvent await(Predicate<ILoggingEvent> wanted) {
        synchronized (seen) {
            for (ILoggingEvent event : seen) {
                if (wanted.test(event)) {
                    return event;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (true) {
                ILoggingEvent event = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    return fail("no such event within 30 s; logged: %s", all());
                }
                synchronized (seen) {
                    seen.add(event);
                }
                if (wanted.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event logged so far. */
    public List<ILoggingEvent> all() {
        synchronized (seen) {
            arrived.drainTo(seen);
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(additive);
        appender.stop();
    }
}
