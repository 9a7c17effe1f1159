package dev.cheeseshop.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cheeseshop.health.Readiness;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * {@code GET|HEAD /health}, liveness: 200 {@code {"status": "ok"}} whenever the process answers,
 * from memory on the I/O thread. {@code GET|HEAD /ready}, readiness ({@link Readiness}): 200 with
 * every check {@code "ok"}, else 503 with each check's outcome and the names of those that failed;
 * 503 too while the server shuts down. Neither is cached by a proxy.
 */
public final class HealthHandlers {
    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpField NO_STORE = new PreEncodedHttpField("Cache-Control", "no-store");
    private static final byte[] ALIVE = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final Readiness readiness;

    public HealthHandlers(Readiness readiness) {
        this.readiness = readiness;
    }

    public void register(Routes routes) {
        routes.get("/health", (exchange, callback) -> {
            exchange.header(NO_STORE).sendAsync(200, JSON, ALIVE, callback);
            return true;
        }, exchange -> exchange.header(NO_STORE).send(200, JSON, ALIVE));
        routes.get("/ready", (exchange, callback) -> {
            if (!readiness.isStopping()) {
                return false; // the probe may block: on a worker thread
            }
            exchange.header(NO_STORE).sendAsync(503, JSON, body(Readiness.shuttingDown()), callback);
            return true;
        }, exchange -> {
            Readiness.Report report = readiness.check();
            exchange.header(NO_STORE).send(report.ready() ? 200 : 503, JSON, body(report));
        });
    }

    /** {@code {"status": "ready"|"unavailable", "checks": {...}, "failed": [...]}}. */
    static byte[] body(Readiness.Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", report.ready() ? "ready" : "unavailable");
        ObjectNode checks = root.putObject("checks");
        var failed = root.putArray("failed");
        for (Map.Entry<String, String> check : report.checks().entrySet()) {
            checks.put(check.getKey(), check.getValue());
            if (!"ok".equals(check.getValue())) {
                failed.add(check.getKey());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer to a readiness probe that arrives while the server drains: no probe is run. */
    static byte[] shuttingDown() {
        return body(Readiness.shuttingDown());
    }
}
