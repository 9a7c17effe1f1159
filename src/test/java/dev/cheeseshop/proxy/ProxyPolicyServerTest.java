package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.app.UpstreamSettings;
import dev.cheeseshop.metrics.Exposure;
import dev.cheeseshop.testing.Exposition;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's policy through the server, against another Cheeseshop on loopback whose files were
 * uploaded at known times: a project denied by name is never asked for; a deny entry with
 * specifiers hides the versions it contains; files younger than the minimum age are hidden until
 * they are old enough; an allow list refuses every project it does not name; the policy file is
 * reloaded while the server runs and an invalid one leaves the last good policy in force; upstream
 * yanks come through. Each hidden file is named in {@code X-Cheeseshop-Policy} and refused for
 * download too, and every decision is counted in {@code /metrics}.
 */
class ProxyPolicyServerTest {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock upstreamClock = new MutableClock(T0);
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(10)));
    private TestServer upstream;
    private TestServer proxy;
    private Path policy;

    @BeforeEach
    void start() throws IOException {
        upstream = TestServer.start(s -> s, upstreamClock);
        Seed seed = new Seed(upstream);
        seed.release("evilpkg", "1.0", null, Seed.sdist("evilpkg-1.0.tar.gz", "evil"));
        seed.release("requests", "2.19.1", null, Seed.sdist("requests-2.19.1.tar.gz", "old requests"));
        seed.release("requests", "2.31.0", null, Seed.sdist("requests-2.31.0.tar.gz", "new requests"));
        seed.release("oldpkg", "1.0", null, Seed.sdist("oldpkg-1.0.tar.gz", "ten days old"));
        upstreamClock.advance(Duration.ofDays(9));
        seed.release("oldpkg", "1.1", null, Seed.sdist("oldpkg-1.1.tar.gz", "one day old"));
        policy = tmp.resolve("policy.toml");
        Files.writeString(policy, "deny = [\"evilpkg\", \"requests<2.20\"]\nmin-age = \"3d\"\n");
        UpstreamSettings settings = UpstreamSettings.of(URI.create(upstream.url() + "/simple/"))
                .withPolicy(Optional.of(policy));
        proxy = TestServer.start(s -> s.withUpstream(Optional.of(settings)).withMetrics(Exposure.PUBLIC), clock);
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void aProjectDeniedByNameIsNotFoundAndNeverAskedFor() {
        Http.Response page = Http.get(proxy.uri("/simple/evilpkg/"), "Accept", JSON);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("X-Cheeseshop-Policy")).isEqualTo("denied: deny evilpkg");
        Http.Response file = Http.get(proxy.uri("/packages/upstream/evilpkg/evilpkg-1.0.tar.gz"));
        assertThat(file.status()).isEqualTo(404);
        assertThat(file.header("X-Cheeseshop-Policy")).isEqualTo("denied: deny evilpkg");

        Exposition metrics = Exposition.scrape(proxy.uri("/metrics"));
        assertThat(metrics.value("cheeseshop_proxy_pages_total", "outcome", "fetched").orElse(0.0)).isZero();
        assertThat(metrics.value("cheeseshop_proxy_policy_decisions_total", "rule", "deny", "decision", "denied"))
                .contains(2.0);
    }

    @Test
    void aDenyEntryWithSpecifiersHidesTheVersionsItContains() throws Exception {
        Http.Response page = Http.get(proxy.uri("/simple/requests/"), "Accept", JSON);
        assertThat(page.status()).isEqualTo(200);
        assertThat(filenames(page)).containsExactly("requests-2.31.0.tar.gz");
        assertThat(json.readTree(page.body()).get("versions").toString()).isEqualTo("[\"2.31.0\"]");
        assertThat(page.header("X-Cheeseshop-Policy")).isEqualTo("1 file hidden: deny 1 (requests<2.20)");

        Http.Response hidden = Http.get(proxy.uri("/packages/upstream/requests/requests-2.19.1.tar.gz"));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.header("X-Cheeseshop-Policy")).isEqualTo("1 file hidden: deny 1 (requests<2.20)");
        assertThat(Http.get(proxy.uri("/packages/upstream/requests/requests-2.31.0.tar.gz")).text())
                .isEqualTo("new requests");
    }

    @Test
    void aFileYoungerThanTheMinimumAgeIsHiddenUntilItIsOldEnough() throws Exception {
        Http.Response page = Http.get(proxy.uri("/simple/oldpkg/"), "Accept", JSON);
        assertThat(filenames(page)).containsExactly("oldpkg-1.0.tar.gz");
        assertThat(page.header("X-Cheeseshop-Policy")).isEqualTo("1 file hidden: min-age 1 (age 1d < 3d)");
        assertThat(Http.get(proxy.uri("/packages/upstream/oldpkg/oldpkg-1.1.tar.gz")).status()).isEqualTo(404);

        clock.advance(Duration.ofDays(2)); // three days old now
        Http.Response later = Http.get(proxy.uri("/simple/oldpkg/"), "Accept", JSON);
        assertThat(filenames(later)).containsExactly("oldpkg-1.0.tar.gz", "oldpkg-1.1.tar.gz");
        assertThat(later.header("X-Cheeseshop-Policy")).isNull();
        assertThat(Http.get(proxy.uri("/packages/upstream/oldpkg/oldpkg-1.1.tar.gz")).text()).isEqualTo("one day old");

        Exposition metrics = Exposition.scrape(proxy.uri("/metrics"));
        assertThat(metrics.value("cheeseshop_proxy_policy_decisions_total", "rule", "min-age", "decision", "denied")
                .orElse(0.0)).isGreaterThanOrEqualTo(2.0);
        assertThat(metrics.value("cheeseshop_proxy_policy_decisions_total", "rule", "default", "decision", "allowed")
                .orElse(0.0)).isGreaterThanOrEqualTo(4.0);
    }

    @Test
    void theFileIsReloadedWhileTheServerRunsAndAnInvalidOneLeavesTheLastGoodPolicy() throws Exception {
        assertThat(Http.get(proxy.uri("/simple/requests/"), "Accept", JSON).status()).isEqualTo(200);

        Files.writeString(policy, "allow = [\"oldpkg\"]\n");
        proxy.app().reloadPolicy();
        Http.Response refused = Http.get(proxy.uri("/simple/requests/"), "Accept", JSON);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.header("X-Cheeseshop-Policy")).isEqualTo("denied: not-allowed not in the allow list");
        // The new file sets no minimum age: the day-old file is served now.
        Http.Response allowed = Http.get(proxy.uri("/simple/oldpkg/"), "Accept", JSON);
        assertThat(filenames(allowed)).containsExactly("oldpkg-1.0.tar.gz", "oldpkg-1.1.tar.gz");

        Files.writeString(policy, "allow = [\"oldpkg\"\n"); // not TOML
        proxy.app().reloadPolicy();
        assertThat(Http.get(proxy.uri("/simple/requests/"), "Accept", JSON).status()).isEqualTo(404);
        assertThat(filenames(Http.get(proxy.uri("/simple/oldpkg/"), "Accept", JSON))).hasSize(2);

        Exposition metrics = Exposition.scrape(proxy.uri("/metrics"));
        assertThat(metrics.value("cheeseshop_proxy_policy_reloads_total", "result", "ok")).contains(1.0);
        assertThat(metrics.value("cheeseshop_proxy_policy_reloads_total", "result", "failed")).contains(1.0);
        assertThat(metrics.value("cheeseshop_proxy_policy_decisions_total", "rule", "not-allowed", "decision",
                "denied").orElse(0.0)).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void anUpstreamYankComesThrough() throws Exception {
        new Seed(upstream).yank("requests", "2.31.0", "broken");
        JsonNode file = json.readTree(Http.get(proxy.uri("/simple/requests/"), "Accept", JSON).body()).get("files").get(0);
        assertThat(file.get("filename").asText()).isEqualTo("requests-2.31.0.tar.gz");
        assertThat(file.get("yanked").asText()).isEqualTo("broken");
        Http.Response html = Http.get(proxy.uri("/simple/requests/"), "Accept", "text/html");
        assertThat(html.text()).contains("data-yanked=\"broken\"");
    }

    private List<String> filenames(Http.Response page) throws IOException {
        List<String> names = new ArrayList<>();
        json.readTree(page.body()).get("files").forEach(file -> names.add(file.get("filename").asText()));
        return names;
    }
}
