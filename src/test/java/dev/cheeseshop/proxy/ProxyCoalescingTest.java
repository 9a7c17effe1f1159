package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.app.UpstreamSettings;
import dev.cheeseshop.metrics.Exposure;
import dev.cheeseshop.testing.Exposition;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Fifty clients asking at once for one cold 50 MB file through the proxy: the upstream serves it
 * exactly once (its own download count says so), and every client gets the right bytes. Fifty
 * clients asking at once for one cold page: the upstream answers one request for it (its own
 * request count says so), and every client gets the page.
 */
class ProxyCoalescingTest {
    private static final int CLIENTS = 50;
    private static final String WHEEL = "big-1.0-py3-none-any.whl";

    @Test
    void fiftyClientsOnOneColdFileCauseOneUpstreamDownload() throws Exception {
        byte[] content = new byte[50 * 1024 * 1024];
        new Random(50).nextBytes(content);
        String sha256 = Seed.sha256(content);
        try (TestServer upstream = TestServer.start(s -> s, Clock.systemUTC())) {
            new Seed(upstream).release("big", "1.0", null, new Seed.FileSpec(WHEEL, content, null));
            content = null; // not kept around while fifty copies stream
            try (TestServer proxy = TestServer.start(
                    s -> s.withUpstream(Optional.of(UpstreamSettings.of(URI.create(upstream.url() + "/simple/")))),
                    Clock.systemUTC())) {
                assertThat(Http.get(proxy.uri("/simple/big/")).status()).isEqualTo(200);
                long before = downloads(upstream);
                HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(null)).build();
                HttpRequest request = HttpRequest.newBuilder(proxy.uri("/packages/upstream/big/" + WHEEL)).build();
                ExecutorService digesters = Executors.newFixedThreadPool(8);
                try {
                    List<CompletableFuture<String>> answers = new ArrayList<>();
                    for (int i = 0; i < CLIENTS; i++) {
                        answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                                .thenApplyAsync(ProxyCoalescingTest::digest, digesters));
                    }
                    for (CompletableFuture<String> answer : answers) {
                        assertThat(answer.get()).isEqualTo("200 " + sha256);
                    }
                } finally {
                    digesters.shutdownNow();
                }
                assertThat(downloads(upstream) - before).as("downloads the upstream served").isEqualTo(1);
            }
        }
    }

    @Test
    void fiftyClientsOnOneColdPageCauseOneUpstreamRequest() throws Exception {
        try (TestServer upstream = TestServer.start(s -> s.withMetrics(Exposure.PUBLIC), Clock.systemUTC())) {
            new Seed(upstream).release("Many.Asked", "1.0", null, Seed.sdist("many_asked-1.0.tar.gz", "asked"));
            try (TestServer proxy = TestServer.start(
                    s -> s.withUpstream(Optional.of(UpstreamSettings.of(URI.create(upstream.url() + "/simple/")))),
                    Clock.systemUTC())) {
                double before = pageRequests(upstream);
                HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(null)).build();
                HttpRequest request = HttpRequest.newBuilder(proxy.uri("/simple/many-asked/"))
                        .header("Accept", "application/vnd.pypi.simple.v1+json").build();
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    assertThat(answer.get().statusCode()).isEqualTo(200);
                    assertThat(answer.get().body()).contains("\"filename\":\"many_asked-1.0.tar.gz\"");
                }
                assertThat(pageRequests(upstream) - before).as("page requests the upstream answered").isEqualTo(1.0);
            }
        }
    }

    /** The requests for project pages the upstream has answered with 200, from its own metrics. */
    private static double pageRequests(TestServer upstream) {
        return Exposition.scrape(upstream.uri("/metrics")).value("cheeseshop_http_request_duration_seconds_count", "route",
                "/simple/{name}/", "method", "GET", "status", "200").orElse(0.0);
    }

    /** The status and the sha256 of the body, read as it streams. */
    private static String digest(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) >= 0;) {
                sha.update(buffer, 0, n);
            }
            return response.statusCode() + " " + HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            return response.statusCode() + " failed: " + e;
        }
    }

    /** Every download the upstream has counted, flushed to its store first. */
    private static long downloads(TestServer upstream) {
        upstream.app().downloads().flush();
        long today = upstream.app().downloads().today();
        return upstream.app().store().read(tx -> tx.downloads().totalOn(today));
    }
}
