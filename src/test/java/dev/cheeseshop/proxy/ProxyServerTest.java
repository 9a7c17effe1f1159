package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.app.UpstreamSettings;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Cheeseshop proxying another Cheeseshop on loopback: pages in both forms with links on the
 * proxy, files fetched once and then kept, stale-if-error, revalidation after the TTL, a local
 * project shadowing the upstream's. Expected values come from what the test put on the upstream.
 */
class ProxyServerTest {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";
    private static final String WHEEL = "foo_bar-1.0-py3-none-any.whl";
    private static final String SDIST = "foo_bar-1.0.tar.gz";
    private static final String WHEEL_BYTES = "the wheel foo_bar 1.0";
    private static final String METADATA = "Metadata-Version: 2.1\nName: Foo.Bar\nVersion: 1.0\n";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private TestServer upstream;
    private TestServer proxy;

    @BeforeEach
    void start() {
        upstream = TestServer.start(s -> s, Clock.systemUTC());
        new Seed(upstream).release("Foo.Bar", "1.0", ">=3.8", Seed.wheel(WHEEL, WHEEL_BYTES, METADATA),
                Seed.sdist(SDIST, "the sdist"));
        proxy = TestServer.start(s -> s.withUpstream(Optional.of(UpstreamSettings.of(URI.create(upstream.url() + "/simple/")))),
                clock);
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void aProjectNotHereIsServedFromTheUpstreamInBothFormsWithItsFilesOnThisServer() throws Exception {
        Http.Response page = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo(JSON);
        assertThat(page.header("X-Cheeseshop-Upstream")).isEqualTo("fresh");
        JsonNode files = json.readTree(page.body()).get("files");
        assertThat(files).hasSize(2);
        JsonNode wheel = files.get(0).get("filename").asText().equals(WHEEL) ? files.get(0) : files.get(1);
        assertThat(wheel.get("url").asText()).isEqualTo("../../packages/upstream/foo-bar/" + WHEEL);
        assertThat(wheel.get("hashes").get("sha256").asText()).isEqualTo(sha256(WHEEL_BYTES));
        assertThat(wheel.get("requires-python").asText()).isEqualTo(">=3.8");
        assertThat(wheel.get("core-metadata").get("sha256").asText()).isEqualTo(sha256(METADATA));
        assertThat(json.readTree(page.body()).get("versions").toString()).isEqualTo("[\"1.0\"]");

        Http.Response html = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", "text/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.text()).contains("href=\"../../packages/upstream/foo-bar/" + WHEEL + "#sha256=" + sha256(WHEEL_BYTES)
                + "\"");
        assertThat(html.text()).contains("data-requires-python=\"&gt;=3.8\"");

        // Conditional GET, as for a local page.
        Http.Response again = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON, "If-None-Match", page.header("ETag"));
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void aFileIsFetchedOnceThenServedFromTheStoreAlsoWhenTheUpstreamIsDown() {
        Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON);
        Http.Response file = Http.get(proxy.uri("/packages/upstream/foo-bar/" + WHEEL));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.text()).isEqualTo(WHEEL_BYTES);
        assertThat(file.header("ETag")).isEqualTo('"' + sha256(WHEEL_BYTES) + '"');
        Http.Response metadata = Http.get(proxy.uri("/packages/upstream/foo-bar/" + WHEEL + ".metadata"));
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.text()).isEqualTo(METADATA);

        upstream.close();
        clock.advance(Duration.ofHours(1)); // past the TTL: the page must be asked for again, and cannot be
        Http.Response stale = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON);
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.header("X-Cheeseshop-Upstream")).isEqualTo("stale");
        assertThat(Http.get(proxy.uri("/packages/upstream/foo-bar/" + WHEEL)).text()).isEqualTo(WHEEL_BYTES);
        assertThat(Http.get(proxy.uri("/packages/upstream/foo-bar/" + WHEEL + ".metadata")).text()).isEqualTo(METADATA);

        // Never fetched: the upstream was needed and is not there.
        Http.Response sdist = Http.get(proxy.uri("/packages/upstream/foo-bar/" + SDIST));
        assertThat(sdist.status()).isEqualTo(502);
        Http.Response unseen = Http.get(proxy.uri("/simple/never-seen/"), "Accept", JSON);
        assertThat(unseen.status()).isEqualTo(404);
        assertThat(unseen.text()).contains("unreachable");
    }

    @Test
    void theCachedPageServesUntilTheTtlThenTheUpstreamsChangesShow() throws Exception {
        assertThat(versions()).isEqualTo("[\"1.0\"]");
        new Seed(upstream).release("Foo.Bar", "2.0", null, Seed.sdist("foo_bar-2.0.tar.gz", "the sdist 2.0"));
        clock.advance(Duration.ofMinutes(9));
        assertThat(versions()).isEqualTo("[\"1.0\"]");
        clock.advance(Duration.ofMinutes(2));
        assertThat(versions()).isEqualTo("[\"1.0\",\"2.0\"]");
    }

    @Test
    void aFreshPageIsRenderedOnceThenServedFromTheRenderCacheUntilItsStateChanges() throws Exception {
        Http.Response first = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON); // fetched
        Http.Response second = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON); // rendered and kept
        long hits = proxy.app().renderCache().stats().hits();
        Http.Response third = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON);
        assertThat(proxy.app().renderCache().stats().hits()).isEqualTo(hits + 1);
        assertThat(third.body()).isEqualTo(first.body()).isEqualTo(second.body());
        assertThat(third.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(third.header("X-Cheeseshop-Upstream")).isEqualTo("fresh");
        assertThat(third.header("X-PyPI-Last-Serial")).isEqualTo(first.header("X-PyPI-Last-Serial"));

        // A local project of the name: shadowed at once, whatever was kept.
        new Seed(proxy).release("foo-bar", "9.0", null, Seed.sdist("foo_bar-9.0.tar.gz", "the local one"));
        assertThat(versions()).isEqualTo("[\"9.0\"]");
    }

    @Test
    void anUnknownProjectIsNotFoundAndNotKept() {
        Http.Response missing = Http.get(proxy.uri("/simple/no-such-project/"), "Accept", JSON);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).isEqualTo("404 Not Found");
    }

    @Test
    void aLocalProjectShadowsTheUpstreamsEntirely() throws Exception {
        Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON); // cached before the local project existed
        new Seed(proxy).release("foo-bar", "9.0", null, Seed.sdist("foo_bar-9.0.tar.gz", "the local one"));
        JsonNode page = json.readTree(Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON).body());
        assertThat(page.get("versions").toString()).isEqualTo("[\"9.0\"]");
        assertThat(page.get("files")).hasSize(1);
        assertThat(page.get("files").get(0).get("url").asText()).doesNotContain("upstream");
        assertThat(Http.get(proxy.uri("/packages/upstream/foo-bar/" + WHEEL)).status()).isEqualTo(404);
    }

    private String versions() throws Exception {
        return json.readTree(Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON).body()).get("versions").toString();
    }

    private static String sha256(String text) {
        return Seed.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
