package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.WebForms;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --session-idle} and {@code --session-lifetime} (and their environment variables)
 * on the packaged jar: the lifetime reaches the session cookie's {@code Max-Age}; values that
 * cannot be lifetimes are one {@code error:} line and exit status 1. How sessions end by the clock
 * is {@code auth/WebSessionsTest}'s.
 */
class SessionLifetimeOptionIT {
    private static final String PASSWORD = "carol-password-333";

    @TempDir
    Path tmp;

    private Processes.Command serve(String... extra) {
        return ServedJar.serve(tmp.resolve("d"), extra);
    }

    /** The {@code Set-Cookie} of the session a browser login starts. */
    private static String loginCookie(ServedJar server) {
        Http.Response form = Http.get(server.uri("/account/login/"));
        String token = Jsoup.parse(form.text()).selectFirst("input[name=csrf_token]").attr("value");
        String csrfCookie = WebForms.cookie(form, "cheeseshop_login_csrf").orElseThrow();
        String body = "csrf_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&username=carol&password="
                + PASSWORD;
        Http.Response in = Http.send("POST", server.uri("/account/login/"), body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", csrfCookie);
        assertThat(in.status()).as(in.text()).isEqualTo(303);
        return in.headers().get("Set-Cookie").stream().filter(c -> c.startsWith("cheeseshop_session="))
                .findFirst().orElseThrow();
    }

    private void addCarol() {
        Processes.Result added = Processes.cheeseshop("user", "add", "carol", "--password-stdin", "--data",
                tmp.resolve("d").toString()).stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
    }

    @Test
    void theLifetimeIsTheSessionCookiesMaxAge() {
        addCarol();
        try (ServedJar server = ServedJar.start(serve("--session-idle", "30m", "--session-lifetime", "2h"))) {
            assertThat(loginCookie(server)).contains("; Max-Age=7200");
        }
        try (ServedJar server = ServedJar.start(serve().env("CHEESESHOP_SESSION_LIFETIME", "1d"))) {
            assertThat(loginCookie(server)).contains("; Max-Age=86400");
        }
        try (ServedJar server = ServedJar.start(serve())) {
            assertThat(loginCookie(server)).as("7 days by default").contains("; Max-Age=604800");
        }
    }

    @Test
    void anIdleTimeLongerThanTheLifetimeIsOneLineOnStderrAndExitStatus1() {
        Processes.Result bad = serve("--session-idle", "2d", "--session-lifetime", "1d").run();

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr().lines()).as(bad.describe()).containsExactly("error: invalid --session-idle or"
                + " --session-lifetime: the idle time (2d) is longer than the whole lifetime (1d)");
    }

    @Test
    void aValueThatIsNoDurationIsRefusedByTheEnvironmentVariableToo() {
        Processes.Result bad = serve().env("CHEESESHOP_SESSION_IDLE", "a while").run();

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr().lines()).as(bad.describe()).hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("error: ").contains("'a while'"));
        Processes.Result zero = serve("--session-lifetime", "0s", "--session-idle", "0s").run();
        assertThat(zero.exitCode()).as(zero.describe()).isEqualTo(1);
        assertThat(zero.stderr().lines()).as(zero.describe()).containsExactly("error: invalid --session-idle or"
                + " --session-lifetime: session lifetimes must be positive: 0s, 0s");
    }

    @Test
    void theHelpNamesBothDefaults() {
        Processes.Result help = Processes.cheeseshop("serve", "--help").run();

        assertThat(help.exitCode()).as(help.describe()).isZero();
        assertThat(help.stdout().replaceAll("\\s+", " ")).contains("--session-idle=DURATION",
                "(env CHEESESHOP_SESSION_IDLE; default 12h)", "--session-lifetime=DURATION",
                "(env CHEESESHOP_SESSION_LIFETIME; default 7d)");
    }
}
