package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Processes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --login-rate-limit} (and CHEESESHOP_LOGIN_RATE_LIMIT): checked at start, in one line. */
class LoginRateLimitOptionIT {
    @TempDir
    Path tmp;

    @Test
    void aMalformedLimitIsOneLineOnStderrAndExitStatus1() {
        Processes.Result bad = Processes.cheeseshop("serve", "--data", tmp.resolve("d").toString(), "--port", "0",
                "--login-rate-limit", "10 a minute").run();

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr().lines()).as(bad.describe()).containsExactly("error: invalid --login-rate-limit: "
                + "'10 a minute' is not a rate limit such as 3600/hour (N/second, N/minute, N/hour or N/day,"
                + " N at least 1; or off)");
    }

    @Test
    void theEnvironmentVariableIsCheckedToo() {
        Processes.Result bad = Processes.cheeseshop("serve", "--data", tmp.resolve("d").toString(), "--port", "0")
                .env("CHEESESHOP_LOGIN_RATE_LIMIT", "0/minute").run();

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr().lines()).as(bad.describe()).hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("error: invalid --login-rate-limit: '0/minute'"));
    }

    @Test
    void theHelpNamesTheDefault() {
        Processes.Result help = Processes.cheeseshop("serve", "--help").run();

        assertThat(help.exitCode()).as(help.describe()).isZero();
        assertThat(help.stdout().replaceAll("\\s+", " ")).contains("--login-rate-limit=LIMIT",
                "(env CHEESESHOP_LOGIN_RATE_LIMIT; default 10/minute)");
    }
}
