package dev.cheeseshop.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.metrics.prometheus.PrometheusMetrics;
import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.proxy.ProxyPolicy;
import dev.cheeseshop.testing.Exposition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every decision and every reload counted, read back as Prometheus reads them (Python's prometheus_client). */
class CountedPolicyTest {
    private static final String DECISIONS = "cheeseshop_proxy_policy_decisions_total";
    private static final String RELOADS = "cheeseshop_proxy_policy_reloads_total";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static Exposition scrape(Metrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(out);
        return Exposition.parse(out.toString(StandardCharsets.UTF_8));
    }

    private static UpstreamFile file(String filename, Optional<Instant> uploaded) {
        return new UpstreamFile(filename, URI.create("https://files.example/" + filename), Optional.of("0".repeat(64)),
                OptionalLong.empty(), uploaded, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void eachDecisionIsCountedByRuleAndOutcome(@TempDir Path dir) throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        Exposition fresh = scrape(metrics);
        assertThat(fresh.type("cheeseshop_proxy_policy_decisions")).contains("counter");
        for (String rule : Metrics.POLICY_RULES) {
            String decision = rule.equals("default") || rule.equals("allow") ? "allowed" : "denied";
            assertThat(fresh.value(DECISIONS, "rule", rule, "decision", decision)).as(rule).contains(0.0);
        }
        assertThat(fresh.value(RELOADS, "result", "ok")).contains(0.0);
        assertThat(fresh.value(RELOADS, "result", "failed")).contains(0.0);

        Path file = dir.resolve("policy.toml");
        Files.writeString(file, "allow = [\"requests\", \"urllib3>=2\", \"foo\"]\ndeny = [\"evilpkg\"]\nmin-age = \"1d\"\n");
        ReloadablePolicy reloadable = ReloadablePolicy.load(file, Duration.ZERO, metrics::policyReload);
        ProxyPolicy policy = new CountedPolicy(reloadable, metrics);
        Optional<Instant> old = Optional.of(NOW.minus(Duration.ofDays(30)));

        policy.project("requests"); // allow
        policy.project("requests"); // allow
        policy.project("evilpkg"); // deny
        policy.project("numpy"); // not-allowed
        policy.file("urllib3", file("urllib3-1.0.tar.gz", old), NOW); // not-allowed
        policy.file("urllib3", file("urllib3-2.0.tar.gz", Optional.of(NOW)), NOW); // min-age
        policy.file("urllib3", file("urllib3-2.0.tar.gz", Optional.empty()), NOW); // unknown-age
        policy.file("urllib3", file("urllib3-2.0.tar.gz", old), NOW); // allow
        Files.writeString(file, "deny = [\"a<<1\"]\n");
        reloadable.reload(); // failed
        Files.writeString(file, "deny = [\"evilpkg\"]\n");
        reloadable.reload(); // ok
        policy.project("numpy"); // default
        policy.file("numpy", file("numpy-1.0.tar.gz", Optional.empty()), NOW); // default

        Exposition read = scrape(metrics);
        assertThat(read.value(DECISIONS, "rule", "allow", "decision", "allowed")).contains(3.0);
        assertThat(read.value(DECISIONS, "rule", "deny", "decision", "denied")).contains(1.0);
        assertThat(read.value(DECISIONS, "rule", "not-allowed", "decision", "denied")).contains(2.0);
        assertThat(read.value(DECISIONS, "rule", "min-age", "decision", "denied")).contains(1.0);
        assertThat(read.value(DECISIONS, "rule", "unknown-age", "decision", "denied")).contains(1.0);
        assertThat(read.value(DECISIONS, "rule", "default", "decision", "allowed")).contains(2.0);
        assertThat(read.value(RELOADS, "result", "ok")).contains(1.0);
        assertThat(read.value(RELOADS, "result", "failed")).contains(1.0);
    }

    @Test
    void metricsOffCountNothing() {
        ProxyPolicy policy = new CountedPolicy(Policy.EMPTY, Metrics.NONE);

        assertThat(policy.project("x")).isEqualTo(ProxyPolicy.Decision.ALLOWED);
        assertThat(policy.needsUploadTimes()).isFalse();
        assertThat(new CountedPolicy(Policy.EMPTY.withDefaultMinAge(Duration.ofDays(3)), Metrics.NONE).needsUploadTimes())
                .isTrue();
        Metrics.NONE.policyReload(false);
    }
}
