package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.metrics.Exposure;
import dev.cheeseshop.testing.Exposition;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.xmlrpc.RateLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a real server (either backend), read by Python's prometheus_client
 * parser ({@link Exposition}): each test makes requests and checks that the counters they should
 * move moved by exactly that much, under the labels they should carry. Expected values come from
 * what the test sent (bytes, requests) or from the database read with the test's own SQL.
 */
class MetricsTest {
    private static final String REQUESTS = "cheeseshop_http_request_duration_seconds_count";
    private static TestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = TestServer.start(settings -> settings.withMetrics(Exposure.PUBLIC)
                .withXmlrpcRateLimit(RateLimit.parse("3/hour")), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Exposition scrape() {
        return Exposition.scrape(server.uri("/metrics"));
    }

    private Path wheel(String name, String version) throws IOException {
        return TestArchives.wheel(name, version).writeTo(Files.createDirectories(tmp.resolve(name + "-" + version)));
    }

    private static void uploaded(Uploads upload) {
        Http.Response response = upload.to(server);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void everyFamilyHasTheTypeAScraperExpects() {
        Exposition metrics = scrape();

        assertThat(metrics.type("cheeseshop_http_request_duration_seconds")).contains("histogram");
        assertThat(metrics.type("cheeseshop_uploads_accepted")).contains("counter");
        assertThat(metrics.type("cheeseshop_uploads_refused")).contains("counter");
        assertThat(metrics.type("cheeseshop_upload_bytes")).contains("counter");
        assertThat(metrics.type("cheeseshop_downloads")).contains("counter");
        assertThat(metrics.type("cheeseshop_download_bytes")).contains("counter");
        assertThat(metrics.type("cheeseshop_render_cache_hits")).contains("counter");
        assertThat(metrics.type("cheeseshop_render_cache_misses")).contains("counter");
        assertThat(metrics.type("cheeseshop_render_cache_evictions")).contains("counter");
        assertThat(metrics.type("cheeseshop_render_cache_bytes")).contains("gauge");
        assertThat(metrics.type("cheeseshop_journal_last_serial")).contains("gauge");
        assertThat(metrics.type("cheeseshop_db_pool_connections")).contains("gauge");
        assertThat(metrics.type("cheeseshop_db_pool_waiting_threads")).contains("gauge");
        assertThat(metrics.type("cheeseshop_xmlrpc_rate_limited")).contains("counter");
        assertThat(metrics.type("cheeseshop_failed_logins")).contains("counter");
        assertThat(metrics.type("jvm_memory_used_bytes")).contains("gauge");
        assertThat(metrics.type("jvm_threads_current")).contains("gauge");
        assertThat(metrics.type("jvm_gc_collection_seconds")).contains("summary");
    }

    @Test
    void pageRequestsAreCountedUnderTheRoutePatternWithTheirStatusAndTheRenderCacheCountsItsHitsAndMisses()
            throws IOException {
        uploaded(Uploads.wheel(wheel("Page.Project", "1.0"), "Page.Project", "1.0"));
        Exposition before = scrape();

        assertThat(Http.get(server.uri("/simple/page-project/")).status()).isEqualTo(200);
        assertThat(Http.get(server.uri("/simple/page-project/")).status()).isEqualTo(200);
        assertThat(Http.get(server.uri("/simple/no-such-project/")).status()).isEqualTo(404);
        assertThat(Http.get(server.uri("/simple/Page.Project")).status()).isEqualTo(301);
        assertThat(Http.get(server.uri("/no/such/path")).status()).isEqualTo(404);

        Exposition after = scrape();
        assertThat(delta(before, after, REQUESTS, "route", "/simple/{name}/", "method", "GET", "status", "200"))
                .isEqualTo(2);
        assertThat(delta(before, after, REQUESTS, "route", "/simple/{name}/", "method", "GET", "status", "404"))
                .isEqualTo(1);
        assertThat(delta(before, after, REQUESTS, "route", "/simple/{name}", "method", "GET", "status", "301"))
                .isEqualTo(1);
        assertThat(delta(before, after, REQUESTS, "route", "(unmatched)", "method", "GET", "status", "404"))
                .isEqualTo(1);
        // The latency histogram: every request falls in the +Inf bucket, and the sum grew.
        assertThat(delta(before, after, "cheeseshop_http_request_duration_seconds_bucket", "route",
                "/simple/{name}/", "method", "GET", "status", "200", "le", "+Inf")).isEqualTo(2);
        assertThat(delta(before, after, "cheeseshop_http_request_duration_seconds_sum", "route",
                "/simple/{name}/", "method", "GET", "status", "200")).isPositive();
        // The first request rendered the page (a miss), the second found it rendered (a hit).
        assertThat(delta(before, after, "cheeseshop_render_cache_misses_total")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_render_cache_hits_total")).isEqualTo(1);
        assertThat(after.value("cheeseshop_render_cache_bytes")).hasValueSatisfying(b -> assertThat(b).isPositive());
        assertThat(after.value("cheeseshop_render_cache_max_bytes")).contains(64.0 * 1024 * 1024);
        assertThat(after.value("cheeseshop_render_cache_evictions_total")).contains(0.0);
    }

    @Test
    void anAcceptedUploadIsCountedWithItsBytesAndMovesTheJournalsLastSerial() throws IOException {
        Path wheel = wheel("Counted.Upload", "1.0");
        Exposition before = scrape();

        uploaded(Uploads.wheel(wheel, "Counted.Upload", "1.0"));
        uploaded(Uploads.wheel(wheel, "Counted.Upload", "1.0")); // the identical file again: 200, nothing new

        Exposition after = scrape();
        assertThat(delta(before, after, "cheeseshop_uploads_accepted_total", "outcome", "stored")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_uploads_accepted_total", "outcome", "already_present"))
                .isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_upload_bytes_total")).isEqualTo(Files.size(wheel));
        assertThat(delta(before, after, REQUESTS, "route", "/legacy/", "method", "POST", "status", "200"))
                .isEqualTo(2);
        assertThat(after.value("cheeseshop_journal_last_serial")).contains((double) lastSerialBySql());
    }

    @Test
    void aRefusedUploadIsCountedUnderItsReason() throws IOException {
        Path wheel = wheel("Refused.Upload", "1.0");
        Exposition before = scrape();

        Http.Response badDigest = Uploads.wheel(wheel, "Refused.Upload", "1.0")
                .field("sha256_digest", "0".repeat(64)).to(server);
        Http.Response badPassword = Uploads.wheel(wheel, "Refused.Upload", "1.0")
                .credentials(TestServer.ALICE, "not-her-password").to(server);
        Http.Response badFilename = Uploads.wheel(wheel, "Refused.Upload", "1.0").filename("refused.exe").to(server);

        assertThat(badDigest.status()).isEqualTo(400);
        assertThat(badPassword.status()).isEqualTo(403);
        assertThat(badFilename.status()).isEqualTo(400);
        Exposition after = scrape();
        assertThat(delta(before, after, "cheeseshop_uploads_refused_total", "reason", "digest")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_uploads_refused_total", "reason", "credentials")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_uploads_refused_total", "reason", "filename")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_uploads_refused_total", "reason", "duplicate")).isZero();
        assertThat(delta(before, after, "cheeseshop_uploads_accepted_total", "outcome", "stored")).isZero();
        assertThat(delta(before, after, REQUESTS, "route", "/legacy/", "method", "POST", "status", "400"))
                .isEqualTo(2);
    }

    @Test
    void aDownloadIsCountedWithTheBytesSent() throws IOException {
        Path wheel = wheel("Counted.Download", "1.0");
        uploaded(Uploads.wheel(wheel, "Counted.Download", "1.0"));
        byte[] bytes = Files.readAllBytes(wheel);
        String blake2 = Seed.blake2b(bytes);
        String path = "/packages/" + blake2.substring(0, 2) + "/" + blake2.substring(2, 4) + "/" + blake2.substring(4)
                + "/" + wheel.getFileName();
        Exposition before = scrape();

        Http.Response file = Http.get(server.uri(path));
        Http.Response range = Http.get(server.uri(path), "Range", "bytes=0-9");
        Http.Response metadata = Http.get(server.uri(path + ".metadata"));

        assertThat(file.body()).isEqualTo(bytes);
        assertThat(range.status()).isEqualTo(206);
        assertThat(metadata.status()).isEqualTo(200);
        Exposition after = scrape();
        assertThat(delta(before, after, "cheeseshop_downloads_total", "kind", "file", "via", "server")).isEqualTo(2);
        assertThat(delta(before, after, "cheeseshop_download_bytes_total", "kind", "file"))
                .isEqualTo(bytes.length + 10);
        assertThat(delta(before, after, "cheeseshop_downloads_total", "kind", "metadata", "via", "server"))
                .isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_download_bytes_total", "kind", "metadata"))
                .isEqualTo(metadata.body().length);
        assertThat(delta(before, after, REQUESTS, "route", "/packages/{path*}", "method", "GET", "status", "206"))
                .isEqualTo(1);
    }

    @Test
    void xmlRpcCallsAreCountedByMethodAndRateLimitRefusalsToo() {
        Exposition before = scrape();

        // The limit is 3 calls an hour: two pass, an unknown method is not counted by the limiter,
        // a call with bad arguments is (PyPI's order), and the fourth counted call is refused.
        assertThat(xmlrpc("changelog_last_serial", "")).contains("<int>");
        assertThat(xmlrpc("changelog_last_serial", "")).contains("<int>");
        assertThat(xmlrpc("system.listMethods", "")).contains("<int>-32601</int>");
        assertThat(xmlrpc("changelog_since_serial", "<param><value><string>x</string></value></param>"))
                .contains("<int>-32602</int>");
        assertThat(xmlrpc("changelog_last_serial", "")).contains("HTTPTooManyRequests");

        Exposition after = scrape();
        assertThat(delta(before, after, "cheeseshop_xmlrpc_calls_total", "method", "changelog_last_serial",
                "outcome", "ok")).isEqualTo(2);
        assertThat(delta(before, after, "cheeseshop_xmlrpc_calls_total", "method", "changelog_last_serial",
                "outcome", "fault")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_xmlrpc_calls_total", "method", "changelog_since_serial",
                "outcome", "fault")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_xmlrpc_calls_total", "method", "other", "outcome", "fault"))
                .isEqualTo(1);
        assertThat(after.value("cheeseshop_xmlrpc_calls_total", "method", "system.listMethods")).isEmpty();
        assertThat(delta(before, after, "cheeseshop_xmlrpc_rate_limited_total")).isEqualTo(1);
        assertThat(delta(before, after, REQUESTS, "route", "/pypi", "method", "POST", "status", "200")).isEqualTo(5);
    }

    @Test
    void failedLoginsAreCountedByCredentialAndReasonAndApiCallsUnderTheirOwnPattern() {
        Exposition before = scrape();

        Http.Response wrongPassword = Http.get(server.uri("/api/v1/projects/anything"), "Authorization",
                Uploads.basic(TestServer.BOB, "not-his-password"));
        Http.Response unknownToken = Http.get(server.uri("/api/v1/projects/anything"), "Authorization",
                Tokens.bearer("pypi-" + "A".repeat(43)));
        Http.Response anonymous = Http.get(server.uri("/api/v1/projects/anything"));
        Http.Response bob = Http.get(server.uri("/api/v1/projects/anything"), "Authorization",
                Uploads.basic(TestServer.BOB, TestServer.BOB_PASSWORD));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownToken.status()).isEqualTo(401);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(bob.status()).isEqualTo(404);
        Exposition after = scrape();
        assertThat(delta(before, after, "cheeseshop_failed_logins_total", "credential", "password", "reason",
                "invalid")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_failed_logins_total", "credential", "token", "reason",
                "invalid")).isEqualTo(1);
        assertThat(delta(before, after, "cheeseshop_failed_logins_total", "credential", "other", "reason",
                "invalid")).isZero(); // no header is no login
        // The /api/v1 group counts a call under its own route's pattern once it found the route.
        assertThat(delta(before, after, REQUESTS, "route", "/api/v1/projects/{project}", "method", "GET",
                "status", "401")).isEqualTo(3);
        assertThat(delta(before, after, REQUESTS, "route", "/api/v1/projects/{project}", "method", "GET",
                "status", "404")).isEqualTo(1);
        assertThat(after.value(REQUESTS, "route", "/api/v1/projects/anything")).isEmpty();
    }

    @Test
    void theDatabasePoolsAndTheJvmAreReported() {
        Exposition metrics = scrape();

        for (String pool : new String[] {"read", "write"}) {
            assertThat(metrics.value("cheeseshop_db_pool_connections", "pool", pool, "state", "active")).isPresent();
            assertThat(metrics.value("cheeseshop_db_pool_connections", "pool", pool, "state", "idle")).isPresent();
            assertThat(metrics.value("cheeseshop_db_pool_waiting_threads", "pool", pool)).contains(0.0);
            assertThat(metrics.value("cheeseshop_db_pool_max_connections", "pool", pool))
                    .hasValueSatisfying(max -> assertThat(max).isGreaterThanOrEqualTo(1));
        }
        assertThat(metrics.value("jvm_memory_used_bytes", "area", "heap"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isPositive());
        assertThat(metrics.value("jvm_threads_current")).hasValueSatisfying(n -> assertThat(n).isPositive());
    }

    private static String xmlrpc(String method, String params) {
        byte[] call = ("<?xml version='1.0'?>\n<methodCall><methodName>" + method + "</methodName><params>" + params
                + "</params></methodCall>").getBytes(StandardCharsets.UTF_8);
        Http.Response response = Http.send("POST", server.uri("/pypi"), call, "Content-Type", "text/xml");
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    private static double delta(Exposition before, Exposition after, String sample, String... labels) {
        return after.count(sample, labels) - before.count(sample, labels);
    }

    private static long lastSerialBySql() {
        try (Connection connection = server.storage().connect(); Statement statement = connection.createStatement();
                ResultSet max = statement.executeQuery("SELECT MAX(id) FROM journals")) {
            max.next();
            return max.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
