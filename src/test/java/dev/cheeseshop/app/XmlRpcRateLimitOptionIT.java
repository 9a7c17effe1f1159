package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --xmlrpc-rate-limit} (and CHEESESHOP_XMLRPC_RATE_LIMIT) on the packaged jar. */
class XmlRpcRateLimitOptionIT {
    private static final byte[] CALL = ("<?xml version='1.0'?>\n<methodCall>\n<methodName>changelog_last_serial"
            + "</methodName>\n<params>\n</params>\n</methodCall>\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    @Test
    void theLimitIsCountedPerClientAndShownInTheHeaders() {
        try (ServedJar server = ServedJar.start(Processes.cheeseshop("serve", "--data", tmp.resolve("d").toString(),
                "--host", "127.0.0.1", "--port", "0", "--xmlrpc-rate-limit", "2/minute"))) {
            Http.Response first = Http.send("POST", server.uri("/pypi"), CALL, "Content-Type", "text/xml");
            Http.Response second = Http.send("POST", server.uri("/pypi"), CALL, "Content-Type", "text/xml");
            Http.Response third = Http.send("POST", server.uri("/pypi"), CALL, "Content-Type", "text/xml");

            assertThat(first.header("RateLimit-Policy")).isEqualTo("\"xmlrpc.client\";q=2;w=60;pk=:ip:");
            assertThat(first.header("RateLimit")).startsWith("\"xmlrpc.client\";r=1;t=");
            assertThat(second.text()).contains("<nil/>");
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.text()).contains("<int>-32500</int>", "HTTPTooManyRequests: The action could not be");
        }
    }

    @Test
    void aMalformedLimitIsOneLineOnStderrAndExitStatus1() {
        Processes.Result bad = Processes.cheeseshop("serve", "--data", tmp.resolve("d").toString(), "--port", "0",
                "--xmlrpc-rate-limit", "lots").run();

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr().lines()).as(bad.describe()).containsExactly("error: invalid --xmlrpc-rate-limit: "
                + "'lots' is not a rate limit such as 3600/hour (N/second, N/minute, N/hour or N/day, N at least 1;"
                + " or off)");
    }

    @Test
    void theEnvironmentVariableIsCheckedToo() {
        Processes.Result bad = Processes.cheeseshop("serve", "--data", tmp.resolve("d").toString(), "--port", "0")
                .env("CHEESESHOP_XMLRPC_RATE_LIMIT", "0/hour").run();

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr().lines()).as(bad.describe()).hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("error: invalid --xmlrpc-rate-limit: '0/hour'"));
    }
}
