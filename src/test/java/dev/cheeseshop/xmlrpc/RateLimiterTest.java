package dev.cheeseshop.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-client limiter and its limit strings, on a clock the test moves. */
class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00.250Z"));

    @ParameterizedTest
    @CsvSource({
        "3600/hour, 3600, 3600",
        "3600 per hour, 3600, 3600",
        "2/second, 2, 1",
        "30/minute, 30, 60",
        "' 10 / Day ', 10, 86400",
        "5/seconds, 5, 1"})
    void limitStrings(String text, long amount, long windowSeconds) {
        RateLimit limit = RateLimit.parse(text).orElseThrow();

        assertThat(limit.amount()).isEqualTo(amount);
        assertThat(limit.window()).isEqualTo(Duration.ofSeconds(windowSeconds));
    }

    @Test
    void offOrEmptyIsNoLimit() {
        assertThat(RateLimit.parse("off")).isEmpty();
        assertThat(RateLimit.parse("")).isEmpty();
        assertThat(RateLimit.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600", "hour", "0/hour", "-1/hour", "3600/fortnight", "3600/hour/2", "1e3/hour",
        "9999999999/hour", "3600perhour"})
    void malformedLimitStringsAreRefusedWithOneLine(String text) {
        assertThatThrownBy(() -> RateLimit.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a rate limit such as 3600/hour")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void aClientGetsTheAmountThenWaitsForItsWindowToClose() {
        RateLimiter limiter = new RateLimiter(new RateLimit(3, Duration.ofHours(1)), clock);

        assertThat(limiter.hit("10.0.0.1")).isEqualTo(decision(limiter, true, 2, 3600));
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.hit("10.0.0.1")).isEqualTo(decision(limiter, true, 1, 3000));
        assertThat(limiter.hit("10.0.0.1")).isEqualTo(decision(limiter, true, 0, 3000));
        RateLimiter.Decision refused = limiter.hit("10.0.0.1");
        assertThat(refused).isEqualTo(decision(limiter, false, 0, 3000));
        assertThat(limiter.hit("10.0.0.2").allowed()).as("another client has its own window").isTrue();

        clock.advance(Duration.ofMinutes(50).minusMillis(1));
        RateLimiter.Decision lastMillisecond = limiter.hit("10.0.0.1");
        assertThat(lastMillisecond.allowed()).isFalse();
        assertThat(lastMillisecond.resetSeconds()).as("rounded up, at least 1").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.hit("10.0.0.1")).isEqualTo(decision(limiter, true, 2, 3600));
    }

    @Test
    void decisionsRenderPypisHeadersAndFault() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, Duration.ofMinutes(1)), clock);
        RateLimiter.Decision first = limiter.hit("::1");
        clock.advance(Duration.ofMillis(17_500));
        RateLimiter.Decision refused = limiter.hit("::1");

        assertThat(first.policyHeader()).isEqualTo("\"xmlrpc.client\";q=1;w=60;pk=:ip:");
        assertThat(first.stateHeader()).isEqualTo("\"xmlrpc.client\";r=0;t=60");
        assertThat(refused.stateHeader()).isEqualTo("\"xmlrpc.client\";r=0;t=43");
        assertThat(refused.fault().code()).isEqualTo(-32500);
        assertThat(refused.fault().message()).isEqualTo("HTTPTooManyRequests: The action could not be performed "
                + "because there were too many requests by the client. Limit may reset in 43 seconds.");
    }

    @Test
    void memoryIsBoundedClosedWindowsAreDroppedAndTheOldestGoesFirstWhenFull() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, Duration.ofMinutes(1)), clock, 3);
        for (int i = 0; i < 3; i++) {
            limiter.hit("client-" + i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(limiter.hit("client-1").allowed()).isFalse();
        limiter.hit("client-3");
        assertThat(limiter.clients()).isEqualTo(3);
        assertThat(limiter.hit("client-0").allowed()).as("client-0, the oldest, was forgotten").isTrue();
        assertThat(limiter.clients()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(1));
        limiter.hit("client-9");
        assertThat(limiter.clients()).as("every other window has closed").isEqualTo(1);
        for (int i = 0; i < 10_000; i++) {
            limiter.hit("flood-" + i);
        }
        assertThat(limiter.clients()).isEqualTo(3);
    }

    private static RateLimiter.Decision decision(RateLimiter limiter, boolean allowed, long remaining, long reset) {
        return new RateLimiter.Decision(limiter.limit(), allowed, remaining, reset);
    }
}
