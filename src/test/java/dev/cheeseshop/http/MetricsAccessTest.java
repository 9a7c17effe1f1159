package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.metrics.Exposure;
import dev.cheeseshop.testing.Exposition;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may read {@code /metrics}: nobody with {@code --metrics off} (404), anyone with
 * {@code public}, and with {@code admin} only an administrator, by password or by an API token
 * that is not scoped to projects (Basic {@code __token__} or Bearer), as {@code /api/v1}
 * authenticates; 401 with a challenge without valid credentials, 403 for anyone else.
 */
class MetricsAccessTest {
    private static final String ROOT = "root";
    private static final String ROOT_PASSWORD = "root-password-1";

    @TempDir
    Path tmp;

    private static TestServer server(Exposure exposure) {
        return TestServer.start(settings -> settings.withMetrics(exposure), Clock.systemUTC());
    }

    @Test
    void offIsNotFound() {
        try (TestServer server = server(Exposure.OFF)) {
            Http.Response anonymous = Http.get(server.uri("/metrics"));

            assertThat(anonymous.status()).isEqualTo(404);
            assertThat(anonymous.text()).doesNotContain("cheeseshop_", "jvm_");
        }
    }

    @Test
    void publicAnswersAnyone() {
        try (TestServer server = server(Exposure.PUBLIC)) {
            Exposition metrics = Exposition.scrape(server.uri("/metrics"));

            // A closed set of reasons is there from the start, at zero.
            assertThat(metrics.value("cheeseshop_uploads_refused_total", "reason", "digest")).contains(0.0);
        }
    }

    @Test
    void adminRefusesAnonymousWrongAndOrdinaryCredentialsAndAcceptsAnAdministrator()
            throws UserProblem, IOException {
        try (TestServer server = server(Exposure.ADMIN)) {
            server.app().accounts().create(ROOT, null, ROOT_PASSWORD, true);
            Http.Response anonymous = Http.get(server.uri("/metrics"));
            Http.Response wrongPassword = Http.get(server.uri("/metrics"), "Authorization",
                    Uploads.basic(ROOT, "not-the-password"));
            Http.Response alice = Http.get(server.uri("/metrics"), "Authorization",
                    Uploads.basic(TestServer.ALICE, TestServer.ALICE_PASSWORD));
            String alicesToken = Tokens.secret(server, TestServer.ALICE, TestServer.ALICE_PASSWORD, "{\"name\": \"a\"}");
            Http.Response aliceByToken = Http.get(server.uri("/metrics"), "Authorization", Tokens.bearer(alicesToken));

            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic realm=");
            assertThat(anonymous.text()).doesNotContain("cheeseshop_");
            assertThat(wrongPassword.status()).isEqualTo(401);
            assertThat(wrongPassword.text()).doesNotContain("cheeseshop_");
            assertThat(alice.status()).isEqualTo(403);
            assertThat(alice.text()).isEqualTo("The metrics are for administrators.\n");
            assertThat(aliceByToken.status()).isEqualTo(403);

            Exposition byPassword = Exposition.scrape(server.uri("/metrics"), "Authorization",
                    Uploads.basic(ROOT, ROOT_PASSWORD));
            // The refusals above were counted: two failed logins by password (anonymous is none).
            assertThat(byPassword.value("cheeseshop_failed_logins_total", "credential", "password", "reason",
                    "invalid")).contains(1.0);
            assertThat(byPassword.value("cheeseshop_http_request_duration_seconds_count", "route", "/metrics",
                    "method", "GET", "status", "403")).contains(2.0);

            String rootsToken = Tokens.secret(server, ROOT, ROOT_PASSWORD, "{\"name\": \"prometheus\"}");
            assertThat(Exposition.scrape(server.uri("/metrics"), "Authorization", Tokens.bearer(rootsToken))
                    .type("jvm_memory_used_bytes")).contains("gauge");
            assertThat(Exposition.scrape(server.uri("/metrics"), "Authorization",
                    Uploads.basic("__token__", rootsToken)).type("jvm_memory_used_bytes")).contains("gauge");

            // A token scoped to projects is for those projects: not for the metrics, even an administrator's.
            Path wheel = TestArchives.wheel("Root.Project", "1.0").writeTo(tmp);
            assertThat(Uploads.wheel(wheel, "Root.Project", "1.0").credentials(ROOT, ROOT_PASSWORD).to(server).status())
                    .isEqualTo(200);
            String scoped = Tokens.secret(server, ROOT, ROOT_PASSWORD,
                    "{\"name\": \"ci\", \"projects\": [\"root-project\"]}");
            Http.Response byScopedToken = Http.get(server.uri("/metrics"), "Authorization", Tokens.bearer(scoped));
            assertThat(byScopedToken.status()).isEqualTo(403);
            assertThat(byScopedToken.text()).isEqualTo("A token scoped to projects cannot read the metrics.\n");
        }
    }
}
