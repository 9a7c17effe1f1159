package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Exposition;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --metrics} (and CHEESESHOP_METRICS) on the packaged jar: admin by default, public, off, a bad value. */
class MetricsOptionIT {
    @TempDir
    Path tmp;

    private Processes.Command serve(String... extra) {
        return ServedJar.serve(tmp.resolve("d"), extra);
    }

    @Test
    void byDefaultOnlyAnAdministratorMayReadThem() {
        try (ServedJar server = ServedJar.start(serve())) {
            Http.Response anonymous = Http.get(server.uri("/metrics"));

            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic realm=");
        }
    }

    @Test
    void publicServesThemToAnyoneInThePrometheusTextFormat() {
        try (ServedJar server = ServedJar.start(serve("--metrics", "public"))) {
            Exposition metrics = Exposition.scrape(server.uri("/metrics"));

            assertThat(metrics.value("cheeseshop_journal_last_serial")).contains(0.0);
            assertThat(metrics.value("process_cpu_seconds_total")).isPresent();
        }
    }

    @Test
    void theEnvironmentVariableTurnsThemOff() {
        try (ServedJar server = ServedJar.start(serve().env("CHEESESHOP_METRICS", "off"))) {
            assertThat(Http.get(server.uri("/metrics")).status()).isEqualTo(404);
        }
    }

    @Test
    void anUnknownValueIsOneLineOnStderrAndExitStatus1() {
        Processes.Result bad = serve("--metrics", "sometimes").run();

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr().lines()).as(bad.describe())
                .containsExactly("error: invalid --metrics: 'sometimes' is not one of off, public, admin");
    }
}
