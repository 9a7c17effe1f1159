package dev.cheeseshop.http;

import dev.cheeseshop.metrics.Metrics;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Jetty 12 with one connector, the {@link Entrance} (request ids, requests counted
 * in flight) before the route table, and the {@link AccessLog}. {@link #close} stops gracefully:
 * the connector stops accepting, new requests on open connections are answered 503, and those in
 * flight (uploads included) may finish for up to the stop timeout before connections are closed.
 */
public final class HttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private Entrance entrance;
    private final String host;

    public HttpServer(String host, int port, Routes routes) {
        this(host, port);
        route(routes);
    }

    /** A server with no routes yet: {@link #bind} it to learn its address, then {@link #route} it. */
    public HttpServer(String host, int port) {
        this(host, port, Clock.systemUTC(), Duration.ofSeconds(5));
    }

    /** As {@link #HttpServer(String, int)}, logging requests with {@code clock}'s time, stopping within {@code stopTimeout}. */
    public HttpServer(String host, int port, Clock clock, Duration stopTimeout) {
        this.host = host;
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("http");
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(120_000);
        // While stopping, Jetty would cut connections idle for a second: an upload whose client
        // pauses longer would be lost. The stop timeout bounds the stop; this keeps the usual patience.
        connector.setShutdownIdleTimeout(120_000);
        // Java's default backlog is 50: a burst of connections (a storm of logins) would have the
        // kernel drop the rest, honest clients' included. The kernel caps it at net.core.somaxconn.
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        server.setStopTimeout(Math.max(1, stopTimeout.toMillis()));
        server.setRequestLog(new AccessLog(clock));
    }

    /** Takes the port now (port 0 becomes a free one) and answers the address; {@link #start} serves on it. */
    public URI bind() throws IOException {
        connector.open();
        return uri();
    }

    /** Sets the route table; before {@link #start}. */
    public void route(Routes routes) {
        route(routes, Metrics.NONE);
    }

    /** Sets the route table, each route counted through {@code metrics}; before {@link #start}. */
    public void route(Routes routes, Metrics metrics) {
        entrance = new Entrance(new Router(routes, metrics));
        server.setHandler(entrance);
    }

    public void start() throws Exception {
        server.start();
    }

    /** The address it listens on, with the port actually bound. */
    public URI uri() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort() + "/");
    }

    /** How long {@link #close} lets requests in flight finish before closing their connections. */
    public void stopTimeout(Duration timeout) {
        server.setStopTimeout(Math.max(1, timeout.toMillis()));
    }

    /**
     * Stops: no new connection is accepted, new requests on open connections are answered 503,
     * requests in flight may finish for up to the stop timeout, and then every connection is closed.
     * The wait is for requests, not connections: Jetty's own graceful stop would also wait for every
     * idle keep-alive connection (a load balancer's pool, a test's client) to time out, up to the
     * whole stop timeout on every stop.
     */
    @Override
    public void close() throws Exception {
        try {
            long timeout = server.getStopTimeout();
            if (entrance != null && server.isStarted() && timeout > 0) {
                connector.shutdown(); // stops accepting; its future (every connection gone) is not waited for
                try {
                    entrance.shutdown().get(timeout, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    LoggerFactory.getLogger(HttpServer.class).warn("requests still in flight after {} ms were cut off",
                            timeout);
                }
                server.setStopTimeout(0); // nothing left to wait for: close the connections now
            }
            server.stop();
        } finally {
            connector.close();
        }
    }
}
