package dev.cheeseshop.http;

import dev.cheeseshop.auth.Authenticator;
import dev.cheeseshop.auth.Login;
import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.metrics.Exposure;
import dev.cheeseshop.metrics.Metrics;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /metrics}: every metric in the Prometheus text format, for a scraper. Who may read it
 * is {@code serve --metrics}: anyone ({@code public}); an administrator ({@code admin}), by HTTP
 * Basic with a password or {@code __token__} and an API token that is not scoped to projects, or
 * {@code Bearer <token>}, as {@code /api/v1} accepts them (no credentials or wrong ones 401 with
 * a challenge, someone else 403, the failed-login limit 429); or nobody ({@code off}: the route is
 * not there, so 404).
 */
public final class MetricsEndpoint {
    public static final String PATH = "/metrics";

    private final Exposure exposure;
    private final Authenticator authenticator;
    private final Metrics metrics;

    public MetricsEndpoint(Exposure exposure, Authenticator authenticator, Metrics metrics) {
        this.exposure = exposure;
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    public void register(Routes routes) {
        if (exposure != Exposure.OFF) {
            routes.get(PATH, this::scrape);
        }
    }

    private void scrape(Exchange exchange) throws IOException {
        if (exposure == Exposure.ADMIN && !admitted(exchange)) {
            return;
        }
        exchange.header("Cache-Control", "no-store");
        OutputStream out = exchange.stream(200, metrics.contentType());
        metrics.scrape(out);
    }

    /** True for an administrator; otherwise the refusal has been answered. */
    private boolean admitted(Exchange exchange) throws IOException {
        Authenticator.Outcome auth = AuthHeader.authenticate(authenticator, exchange);
        if (auth.refusal() == Authenticator.Refusal.THROTTLED || auth.refusal() == Authenticator.Refusal.BUSY) {
            exchange.header("Retry-After", Long.toString(Login.seconds(auth.retryAfter())));
            if (auth.refusal() == Authenticator.Refusal.THROTTLED) {
                exchange.sendText(429, UploadResponses.FAILED_LOGINS_DETAIL + "\n");
            } else {
                exchange.sendText(503, UploadResponses.LOGINS_BUSY + "\n");
            }
            return false;
        }
        if (!auth.accepted()) {
            exchange.header("WWW-Authenticate", "Basic realm=\"cheeseshop\", Bearer realm=\"cheeseshop\"");
            exchange.sendText(401, auth.refusal() == Authenticator.Refusal.EXPIRED
                    ? "Invalid API Token: token is expired\n"
                    : "The metrics are for administrators: HTTP Basic with a username and password or __token__ and"
                            + " an API token, or Authorization: Bearer <token>.\n");
            return false;
        }
        Principal principal = auth.principal();
        if (!principal.user().admin()) {
            exchange.sendText(403, "The metrics are for administrators.\n");
            return false;
        }
        if (principal.scoped()) {
            exchange.sendText(403, "A token scoped to projects cannot read the metrics.\n");
            return false;
        }
        return true;
    }
}
