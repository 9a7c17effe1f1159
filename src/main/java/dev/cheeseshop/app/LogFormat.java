package dev.cheeseshop.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * How the server's log lines look ({@code serve --log-format}): {@code combined}, lines for people
 * and the access log in the combined log format, or {@code json}, one JSON object per line for
 * everything (logstash-logback-encoder), the access log included. The choice is the system
 * property {@value #PROPERTY}, which {@code logback.xml} reads to pick its appenders.
 */
enum LogFormat {
    combined("text"),
    json("json");

    static final String PROPERTY = "cheeseshop.log.format";

    private final String appender;

    LogFormat(String appender) {
        this.appender = appender;
    }

    /** Makes this the format of every line logged from now on, reconfiguring logging if it differs. */
    void apply() {
        String previous = System.getProperty(PROPERTY, combined.appender);
        System.setProperty(PROPERTY, appender);
        if (previous.equals(appender) || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new CommandFailure("cannot configure the " + name() + " log format: " + e.getMessage());
        }
    }
}
