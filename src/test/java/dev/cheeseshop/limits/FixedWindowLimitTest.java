package dev.cheeseshop.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The table of fixed windows behind the XML-RPC rate limiter and the failed-login throttle, at times the test gives. */
class FixedWindowLimitTest {
    private static final long T0 = 1_000_000;

    @Test
    void aKeyGetsTheAmountThenWaitsForTheWindowOpenedByItsFirstEvent() {
        FixedWindowLimit limit = new FixedWindowLimit(2, Duration.ofSeconds(10), 100);
        assertThat(limit.refusedFor("a", T0)).isZero();
        assertThat(limit.remaining("a", T0)).isEqualTo(2);
        assertThat(limit.closesIn("a", T0)).as("no window yet: a whole one").isEqualTo(10_000);

        limit.count("a", T0);
        limit.count("a", T0 + 4_000);

        assertThat(limit.remaining("a", T0 + 4_000)).isZero();
        assertThat(limit.refusedFor("a", T0 + 4_000)).isEqualTo(6_000);
        assertThat(limit.refusedFor("b", T0 + 4_000)).as("another key, its own window").isZero();
        assertThat(limit.refusedFor("a", T0 + 9_999)).isEqualTo(1);
        assertThat(limit.refusedFor("a", T0 + 10_000)).as("closed: a fresh window").isZero();
        assertThat(limit.remaining("a", T0 + 10_000)).isEqualTo(2);
    }

    @Test
    void anEventTakenBackFreesItsPlaceButNotItsWindow() {
        FixedWindowLimit limit = new FixedWindowLimit(1, Duration.ofSeconds(10), 100);
        limit.count("a", T0);
        limit.uncount("a");
        limit.uncount("a");

        assertThat(limit.remaining("a", T0 + 5_000)).as("never below nothing counted").isEqualTo(1);
        assertThat(limit.closesIn("a", T0 + 5_000)).as("the window still opened at the first event").isEqualTo(5_000);
        limit.count("a", T0 + 5_000);
        assertThat(limit.refusedFor("a", T0 + 5_000)).isEqualTo(5_000);
    }

    @Test
    void aClockGoneBackNeverWaitsMoreThanAWindow() {
        FixedWindowLimit limit = new FixedWindowLimit(1, Duration.ofSeconds(10), 100);
        limit.count("a", T0);
        assertThat(limit.refusedFor("a", T0 - 60_000)).isEqualTo(10_000);
    }

    @Test
    void closedWindowsLeaveAndAFullTableDropsTheOldestWindow() {
        FixedWindowLimit limit = new FixedWindowLimit(1, Duration.ofSeconds(10), 2);
        limit.count("first", T0);
        limit.count("second", T0 + 1_000);
        limit.count("third", T0 + 2_000);

        assertThat(limit.size()).isEqualTo(2);
        assertThat(limit.refusedFor("first", T0 + 2_000)).as("forgotten").isZero();
        assertThat(limit.refusedFor("second", T0 + 2_000)).isEqualTo(9_000);
        assertThat(limit.refusedFor("third", T0 + 11_000)).isEqualTo(1_000);
        assertThat(limit.size()).as("second's window closed at T0 + 11 s").isEqualTo(1);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new FixedWindowLimit(0, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FixedWindowLimit(1, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FixedWindowLimit(1, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
