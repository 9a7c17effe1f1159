package dev.cheeseshop.metrics.prometheus;

import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.metrics.RouteMeter;
import dev.cheeseshop.store.sql.SqlMetadataStore.PoolUsage;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.LoggerFactory;

/**
 * {@link Metrics} in the official Prometheus Java client (1.x): counters and a histogram in a
 * registry of this server's own, state read when scraped (the render cache, the journal, the
 * database pools), and the JVM's metrics from one registry shared by the process
 * ({@link JvmRegistry}). Exemplars are off (nothing here traces), and the histogram is classic
 * only: the text format exposes nothing else, and each observation then costs a bucket search and
 * three atomic additions. docs/operations.md lists every metric.
 */
public final class PrometheusMetrics implements Metrics {
    /** Seconds: from a cached page (tens of microseconds) to a large upload (a minute). */
    static final double[] LATENCY_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram requests;
    private final CounterDataPoint uploadsStored;
    private final CounterDataPoint uploadsAlreadyPresent;
    private final Counter uploadsRefused;
    private final CounterDataPoint uploadBytes;
    private final CounterDataPoint[] downloads = new CounterDataPoint[4];
    private final CounterDataPoint[] downloadBytes = new CounterDataPoint[2];
    private final Counter xmlrpcCalls;
    private final CounterDataPoint xmlrpcRateLimited;
    private final Counter failedLogins;
    private final Map<String, CounterDataPoint> policyAllowed = new HashMap<>();
    private final Map<String, CounterDataPoint> policyDenied = new HashMap<>();
    private final Counter policyDecisions;
    private final CounterDataPoint policyReloadsOk;
    private final CounterDataPoint policyReloadsFailed;

    public PrometheusMetrics() {
        requests = Histogram.builder().name("cheeseshop_http_request_duration_seconds")
                .help("HTTP requests by route pattern, method and status: the time from a request's arrival to its"
                        + " answer handed to the server; _count counts the requests")
                .labelNames("route", "method", "status").classicOnly().classicUpperBounds(LATENCY_BOUNDS)
                .withoutExemplars().register(registry);
        Counter accepted = counter("cheeseshop_uploads_accepted",
                "Uploads accepted: a new file stored, or the identical file already there", "outcome");
        uploadsStored = accepted.labelValues("stored");
        uploadsAlreadyPresent = accepted.labelValues("already_present");
        uploadsRefused = counter("cheeseshop_uploads_refused", "Uploads refused, by reason", "reason");
        // Every series of a closed set from the start, at 0: a rate() sees its first increase.
        UPLOAD_REFUSALS.forEach(uploadsRefused::initLabelValues);
        uploadBytes = counter("cheeseshop_upload_bytes", "Bytes of the distribution files stored by uploads")
                .labelValues();
        Counter served = counter("cheeseshop_downloads", "Downloads answered: distribution files and their METADATA,"
                + " sent by the server or redirected to the object store", "kind", "via");
        Counter servedBytes = counter("cheeseshop_download_bytes", "Bytes of downloads sent by the server", "kind");
        String[] kinds = {"file", "metadata"};
        for (int k = 0; k < kinds.length; k++) {
            downloads[2 * k] = served.labelValues(kinds[k], "server");
            downloads[2 * k + 1] = served.labelValues(kinds[k], "redirect");
            downloadBytes[k] = servedBytes.labelValues(kinds[k]);
        }
        xmlrpcCalls = counter("cheeseshop_xmlrpc_calls", "XML-RPC calls by method (other: not in the method table,"
                + " or a body that did not parse) and outcome (ok or fault)", "method", "outcome");
        xmlrpcRateLimited = counter("cheeseshop_xmlrpc_rate_limited",
                "XML-RPC calls refused by the rate limiter (--xmlrpc-rate-limit)").labelValues();
        failedLogins = counter("cheeseshop_failed_logins", "Requests whose credentials were refused, by kind of"
                + " credential and reason", "credential", "reason");
        for (String credential : LOGIN_CREDENTIALS) {
            LOGIN_REFUSALS.forEach(reason -> failedLogins.initLabelValues(credential, reason));
        }
        policyDecisions = counter("cheeseshop_proxy_policy_decisions", "Decisions of the proxy's policy on upstream"
                + " projects and files, by the rule that decided and the decision (allowed or denied)", "rule",
                "decision");
        for (String rule : POLICY_RULES) {
            // only the pairs that happen: the lists and the ages deny, the default allows, an allow entry allows
            boolean allows = rule.equals("default") || rule.equals("allow");
            (allows ? policyAllowed : policyDenied).put(rule,
                    policyDecisions.labelValues(rule, allows ? "allowed" : "denied"));
        }
        Counter reloads = counter("cheeseshop_proxy_policy_reloads", "Reloads of the proxy's policy file that read it,"
                + " by result: ok (it replaced the policy) or failed (it was refused; the previous policy stays)",
                "result");
        policyReloadsOk = reloads.labelValues("ok");
        policyReloadsFailed = reloads.labelValues("failed");
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }

    /** Adds the render cache's counters and sizes, read from {@code stats} at each scrape. */
    public PrometheusMetrics renderCache(Supplier<DocumentCache.Stats> stats) {
        cacheCounter("cheeseshop_render_cache_hits", "Rendered documents answered from the render cache", stats,
                DocumentCache.Stats::hits);
        cacheCounter("cheeseshop_render_cache_misses", "Rendered documents not in the render cache, or stale",
                stats, DocumentCache.Stats::misses);
        cacheCounter("cheeseshop_render_cache_evictions", "Documents evicted from the render cache to stay in its"
                + " bound", stats, DocumentCache.Stats::evictions);
        cacheGauge("cheeseshop_render_cache_bytes", "Bytes the render cache holds (bodies and a fixed overhead per"
                + " entry)", stats, DocumentCache.Stats::bytes);
        cacheGauge("cheeseshop_render_cache_max_bytes", "The render cache's bound (--cache-size)", stats,
                DocumentCache.Stats::maxBytes);
        cacheGauge("cheeseshop_render_cache_entries", "Documents in the render cache", stats,
                DocumentCache.Stats::entries);
        return this;
    }

    private void cacheCounter(String name, String help, Supplier<DocumentCache.Stats> stats,
            ToDoubleFunction<DocumentCache.Stats> value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.applyAsDouble(stats.get()))).register(registry);
    }

    private void cacheGauge(String name, String help, Supplier<DocumentCache.Stats> stats,
            ToDoubleFunction<DocumentCache.Stats> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.applyAsDouble(stats.get()))).register(registry);
    }

    /** Adds the journal's last serial, read at each scrape (absent from a scrape when it cannot be read). */
    public PrometheusMetrics journal(Supplier<OptionalLong> lastSerial) {
        GaugeWithCallback.builder().name("cheeseshop_journal_last_serial")
                .help("The journal's last serial: the serial of the newest change to the index (0 when empty)")
                .callback(callback -> {
                    try {
                        callback.call(lastSerial.get().orElse(0));
                    } catch (RuntimeException e) {
                        LoggerFactory.getLogger(PrometheusMetrics.class).debug("cannot read the last serial", e);
                    }
                }).register(registry);
        return this;
    }

    /** Adds the database pools' usage, by pool name, read at each scrape. */
    public PrometheusMetrics pools(Supplier<Map<String, PoolUsage>> usage) {
        GaugeWithCallback.builder().name("cheeseshop_db_pool_connections")
                .help("Database connections by pool (read, write) and state: active (lent out) or idle")
                .labelNames("pool", "state")
                .callback(callback -> usage.get().forEach((pool, u) -> {
                    callback.call(u.active(), pool, "active");
                    callback.call(u.idle(), pool, "idle");
                })).register(registry);
        GaugeWithCallback.builder().name("cheeseshop_db_pool_waiting_threads")
                .help("Threads waiting for a database connection, by pool").labelNames("pool")
                .callback(callback -> usage.get().forEach((pool, u) -> callback.call(u.waiting(), pool)))
                .register(registry);
        GaugeWithCallback.builder().name("cheeseshop_db_pool_max_connections")
                .help("The most connections a pool opens").labelNames("pool")
                .callback(callback -> usage.get().forEach((pool, u) -> callback.call(u.max(), pool)))
                .register(registry);
        return this;
    }

    @Override
    public RouteMeter route(String pattern) {
        return new RouteHistogram(requests, pattern);
    }

    @Override
    public void uploadAccepted(boolean stored, long bytes) {
        if (stored) {
            uploadsStored.inc();
            uploadBytes.inc(bytes);
        } else {
            uploadsAlreadyPresent.inc();
        }
    }

    @Override
    public void uploadRefused(String reason) {
        uploadsRefused.labelValues(reason).inc();
    }

    @Override
    public void download(String kind, boolean redirected, long bytes) {
        int k = "metadata".equals(kind) ? 1 : 0;
        downloads[2 * k + (redirected ? 1 : 0)].inc();
        if (bytes > 0) {
            downloadBytes[k].inc(bytes);
        }
    }

    @Override
    public void xmlrpcCall(String method, boolean fault) {
        xmlrpcCalls.labelValues(method, fault ? "fault" : "ok").inc();
    }

    @Override
    public void xmlrpcRateLimited() {
        xmlrpcRateLimited.inc();
    }

    @Override
    public void failedLogin(String credential, String reason) {
        failedLogins.labelValues(credential, reason).inc();
    }

    @Override
    public void policyDecision(String rule, boolean allowed) {
        CounterDataPoint point = (allowed ? policyAllowed : policyDenied).get(rule);
        (point != null ? point : policyDecisions.labelValues(rule, allowed ? "allowed" : "denied")).inc();
    }

    @Override
    public void policyReload(boolean ok) {
        (ok ? policyReloadsOk : policyReloadsFailed).inc();
    }

    @Override
    public String contentType() {
        return writer.getContentType();
    }

    @Override
    public void scrape(OutputStream out) throws IOException {
        List<MetricSnapshot> all = new ArrayList<>();
        registry.scrape().forEach(all::add);
        JvmRegistry.get().scrape().forEach(all::add);
        writer.write(out, new MetricSnapshots(all));
    }
}
