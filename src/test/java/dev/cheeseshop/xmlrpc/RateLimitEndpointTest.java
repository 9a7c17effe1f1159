package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.Rpc.call;
import static dev.cheeseshop.xmlrpc.Rpc.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --xmlrpc-rate-limit 3/hour} as clients see it (warehouse-xmlrpc.md §2.6): the
 * headers on every counted call, PyPI's fault in an HTTP 200 when over the limit, and a fresh
 * window once the hour has passed, on a clock the test moves.
 */
class RateLimitEndpointTest {
    private static final String TOO_MANY = "HTTPTooManyRequests: The action could not be performed because there "
            + "were too many requests by the client. Limit may reset in %d seconds.";
    private static final String POLICY = "\"xmlrpc.client\";q=3;w=3600;pk=:ip:";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(settings -> settings.withXmlrpcRateLimit(RateLimit.parse("3/hour")), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void threeCallsAnHourThenPypisFaultUntilTheWindowCloses() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            Http.Response ok = call(server, "/pypi", "changelog_last_serial");
            assertThat(Rpc.result(ok)).isNull();
            assertThat(ok.header("RateLimit-Policy")).isEqualTo(POLICY);
            assertThat(ok.header("RateLimit")).isEqualTo("\"xmlrpc.client\";r=" + remaining + ";t=3600");
        }
        clock.advance(Duration.ofMinutes(20));

        Http.Response refused = call(server, "/RPC2", "list_packages_with_serial");

        assertThat(fault(refused)).isEqualTo(new Rpc.Fault(-32500, TOO_MANY.formatted(2400)));
        assertThat(refused.header("RateLimit-Policy")).isEqualTo(POLICY);
        assertThat(refused.header("RateLimit")).isEqualTo("\"xmlrpc.client\";r=0;t=2400");

        clock.advance(Duration.ofMinutes(40));
        Http.Response fresh = call(server, "/pypi/", "changelog_last_serial");
        assertThat(Rpc.result(fresh)).isNull();
        assertThat(fresh.header("RateLimit")).isEqualTo("\"xmlrpc.client\";r=2;t=3600");
    }

    @Test
    void callsWithBadArgumentsAndDisabledMethodsCountUnknownMethodsDoNot() {
        assertThat(fault(call(server, "/pypi", "no_such_method")).code()).isEqualTo(-32601);
        assertThat(fault(call(server, "/pypi", "changelog_since_serial")).code()).isEqualTo(-32602);
        assertThat(fault(call(server, "/pypi", "no_such_method")).code()).isEqualTo(-32601);
        Http.Response disabled = call(server, "/pypi", "list_packages");
        assertThat(fault(disabled).string()).startsWith("RuntimeError: ");
        assertThat(disabled.header("RateLimit")).isEqualTo("\"xmlrpc.client\";r=1;t=3600");
        assertThat(call(server, "/pypi", "no_such_method").header("RateLimit")).isNull();
        assertThat(Rpc.result(call(server, "/pypi", "changelog_last_serial"))).isNull();

        Rpc.Fault refused = fault(call(server, "/pypi", "changelog_since_serial", "<string>bad</string>"));

        assertThat(refused.string()).startsWith("HTTPTooManyRequests: ");
    }

    @Test
    void aCallThatIsNotAPostIsRefusedBeforeItIsCounted() {
        for (int i = 0; i < 5; i++) {
            Http.Response put = Rpc.send(server, "PUT", "/pypi", "text/xml", Rpc.body("changelog_last_serial"));
            assertThat(fault(put)).isEqualTo(new Rpc.Fault(-32500, "application error"));
            assertThat(put.header("RateLimit")).isNull();
        }
        assertThat(call(server, "/pypi", "changelog_last_serial").header("RateLimit"))
                .isEqualTo("\"xmlrpc.client\";r=2;t=3600");
    }

    @Test
    void noLimitMeansNoHeaders() {
        try (TestServer open = TestServer.start(settings -> settings.withXmlrpcRateLimit(Optional.empty()), clock)) {
            for (int i = 0; i < 10; i++) {
                Http.Response response = call(open, "/pypi", "changelog_last_serial");
                assertThat(Rpc.result(response)).isNull();
                assertThat(response.header("RateLimit")).isNull();
            }
        }
    }
}
