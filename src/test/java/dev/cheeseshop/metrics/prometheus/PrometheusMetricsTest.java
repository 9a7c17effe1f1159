package dev.cheeseshop.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.metrics.RouteMeter;
import dev.cheeseshop.store.sql.SqlMetadataStore.PoolUsage;
import dev.cheeseshop.testing.Exposition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The Prometheus implementation, read back by Python's prometheus_client parser. */
class PrometheusMetricsTest {
    private static final String COUNT = "cheeseshop_http_request_duration_seconds_count";
    private static final String BUCKET = "cheeseshop_http_request_duration_seconds_bucket";

    private static Exposition scrape(PrometheusMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(out);
        return Exposition.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void requestsFallInCumulativeBucketsOfTheirRouteMethodAndStatus() throws IOException {
        PrometheusMetrics metrics = new PrometheusMetrics();
        RouteMeter page = metrics.route("/simple/{name}/");
        page.record("GET", 200, 50_000); // 50 µs
        page.record("GET", 200, 2_000_000); // 2 ms
        page.record("GET", 200, 3_000_000_000L); // 3 s
        page.record("HEAD", 304, 1_000);

        Exposition read = scrape(metrics);
        String[] get200 = {"route", "/simple/{name}/", "method", "GET", "status", "200"};
        assertThat(read.value(COUNT, get200)).contains(3.0);
        assertThat(read.value(BUCKET, with(get200, "le", "0.001"))).contains(1.0);
        assertThat(read.value(BUCKET, with(get200, "le", "0.005"))).contains(2.0);
        assertThat(read.value(BUCKET, with(get200, "le", "2.5"))).contains(2.0);
        assertThat(read.value(BUCKET, with(get200, "le", "5.0"))).contains(3.0);
        assertThat(read.value(BUCKET, with(get200, "le", "+Inf"))).contains(3.0);
        assertThat(read.value("cheeseshop_http_request_duration_seconds_sum", get200))
                .hasValueSatisfying(sum -> assertThat(sum).isCloseTo(3.00205, offset(1e-9)));
        assertThat(read.value(COUNT, "route", "/simple/{name}/", "method", "HEAD", "status", "304")).contains(1.0);
    }

    @Test
    void anUnknownMethodIsOtherAndAStatusOutOfRangeCountsAsA500() throws IOException {
        PrometheusMetrics metrics = new PrometheusMetrics();
        RouteMeter route = metrics.route("/x");
        route.record("PROPFIND", 405, 1);
        route.record("GET", 999, 1);
        route.record("GET", 42, 1);

        Exposition read = scrape(metrics);
        assertThat(read.value(COUNT, "route", "/x", "method", "other", "status", "405")).contains(1.0);
        assertThat(read.value(COUNT, "route", "/x", "method", "GET", "status", "500")).contains(2.0);
        assertThat(read.value(COUNT, "method", "PROPFIND")).isEmpty();
    }

    @Test
    void countersStartAtZeroForEveryReasonAndMoveWithEachCall() throws IOException {
        PrometheusMetrics metrics = new PrometheusMetrics();
        Exposition fresh = scrape(metrics);
        assertThat(fresh.value("cheeseshop_uploads_refused_total", "reason", "too_large")).contains(0.0);
        assertThat(fresh.value("cheeseshop_failed_logins_total", "credential", "token", "reason", "expired"))
                .contains(0.0);

        metrics.uploadAccepted(true, 1234);
        metrics.uploadAccepted(false, 99);
        metrics.uploadRefused("duplicate");
        metrics.download("file", false, 1000);
        metrics.download("file", true, 0);
        metrics.download("metadata", false, 20);
        metrics.xmlrpcCall("browse", false);
        metrics.xmlrpcCall("browse", true);
        metrics.xmlrpcRateLimited();
        metrics.failedLogin("password", "throttled");

        Exposition read = scrape(metrics);
        assertThat(read.value("cheeseshop_uploads_accepted_total", "outcome", "stored")).contains(1.0);
        assertThat(read.value("cheeseshop_uploads_accepted_total", "outcome", "already_present")).contains(1.0);
        assertThat(read.value("cheeseshop_upload_bytes_total")).contains(1234.0);
        assertThat(read.value("cheeseshop_uploads_refused_total", "reason", "duplicate")).contains(1.0);
        assertThat(read.value("cheeseshop_downloads_total", "kind", "file", "via", "server")).contains(1.0);
        assertThat(read.value("cheeseshop_downloads_total", "kind", "file", "via", "redirect")).contains(1.0);
        assertThat(read.value("cheeseshop_download_bytes_total", "kind", "file")).contains(1000.0);
        assertThat(read.value("cheeseshop_download_bytes_total", "kind", "metadata")).contains(20.0);
        assertThat(read.value("cheeseshop_xmlrpc_calls_total", "method", "browse", "outcome", "ok")).contains(1.0);
        assertThat(read.value("cheeseshop_xmlrpc_calls_total", "method", "browse", "outcome", "fault")).contains(1.0);
        assertThat(read.value("cheeseshop_xmlrpc_rate_limited_total")).contains(1.0);
        assertThat(read.value("cheeseshop_failed_logins_total", "credential", "password", "reason", "throttled"))
                .contains(1.0);
    }

    @Test
    void stateIsReadWhenScrapedAndAnUnreadableSerialIsLeftOut() throws IOException {
        DocumentCache.Stats[] stats = {new DocumentCache.Stats(3, 4096, 65536, 10, 4, 1)};
        boolean[] databaseDown = {false};
        PrometheusMetrics metrics = new PrometheusMetrics().renderCache(() -> stats[0])
                .journal(() -> {
                    if (databaseDown[0]) {
                        throw new IllegalStateException("the database is down");
                    }
                    return OptionalLong.of(42);
                })
                .pools(() -> Map.of("write", new PoolUsage(1, 0, 2, 1)));

        Exposition first = scrape(metrics);
        assertThat(first.value("cheeseshop_render_cache_entries")).contains(3.0);
        assertThat(first.value("cheeseshop_render_cache_bytes")).contains(4096.0);
        assertThat(first.value("cheeseshop_render_cache_max_bytes")).contains(65536.0);
        assertThat(first.value("cheeseshop_render_cache_hits_total")).contains(10.0);
        assertThat(first.value("cheeseshop_render_cache_misses_total")).contains(4.0);
        assertThat(first.value("cheeseshop_render_cache_evictions_total")).contains(1.0);
        assertThat(first.value("cheeseshop_journal_last_serial")).contains(42.0);
        assertThat(first.value("cheeseshop_db_pool_connections", "pool", "write", "state", "active")).contains(1.0);
        assertThat(first.value("cheeseshop_db_pool_connections", "pool", "write", "state", "idle")).contains(0.0);
        assertThat(first.value("cheeseshop_db_pool_waiting_threads", "pool", "write")).contains(2.0);
        assertThat(first.value("cheeseshop_db_pool_max_connections", "pool", "write")).contains(1.0);

        stats[0] = new DocumentCache.Stats(5, 8192, 65536, 11, 4, 1);
        databaseDown[0] = true;
        Exposition second = scrape(metrics);
        assertThat(second.value("cheeseshop_render_cache_entries")).contains(5.0);
        assertThat(second.value("cheeseshop_render_cache_hits_total")).contains(11.0);
        assertThat(second.value("cheeseshop_journal_last_serial")).isEmpty();
        assertThat(second.value("jvm_threads_current")).isPresent();
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }
}
