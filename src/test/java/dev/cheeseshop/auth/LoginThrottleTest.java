package dev.cheeseshop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The failed-login limiter on a clock the test moves: per address, per username, bounded, no reset by success. */
class LoginThrottleTest {
    private static final String ATTACKER = "203.0.113.7";
    private static final String OTHER = "198.51.100.2";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), clock);

    /** An attempt that is admitted and fails. */
    private boolean fails(String address, String username) {
        return throttle.admit(address, username).isZero();
    }

    /** An attempt that is admitted and succeeds. */
    private boolean succeeds(String address, String username) {
        boolean admitted = throttle.admit(address, username).isZero();
        if (admitted) {
            throttle.takeBack(address, username);
        }
        return admitted;
    }

    @Test
    void anAddressGetsTheLimitAcrossUsernamesThenWaitsForItsWindowToClose() {
        assertThat(fails(ATTACKER, "alice")).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(fails(ATTACKER, "bob")).isTrue();
        assertThat(fails(ATTACKER, "carol")).isTrue();

        assertThat(throttle.admit(ATTACKER, "dave")).isEqualTo(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(39));
        assertThat(throttle.admit(ATTACKER, "dave")).isEqualTo(Duration.ofSeconds(1));
        assertThat(fails(OTHER, "dave")).as("another address, another username").isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(fails(ATTACKER, "dave")).isTrue();
    }

    @Test
    void aUsernameGetsTheLimitAcrossAddressesAndIsLockedEvenForTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(fails("192.0.2." + i, "alice")).isTrue();
        }

        assertThat(throttle.admit("192.0.2.99", "alice")).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.admit(OTHER, "ALICE")).as("the name as the users table folds it").isPositive();
        assertThat(succeeds(OTHER, "bob")).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(succeeds(OTHER, "alice")).isTrue();
    }

    /**
     * An attacker with an account of their own cannot buy guesses by logging in to it between
     * guesses: a success takes back only its own attempt.
     */
    @Test
    void successesBetweenFailuresResetNothing() {
        assertThat(fails(ATTACKER, "victim")).isTrue();
        assertThat(succeeds(ATTACKER, "attacker")).isTrue();
        assertThat(fails(ATTACKER, "victim")).isTrue();
        assertThat(succeeds(ATTACKER, "attacker")).isTrue();
        assertThat(fails(ATTACKER, "victim")).isTrue();

        assertThat(throttle.admit(ATTACKER, "victim")).isPositive();
        assertThat(throttle.admit(ATTACKER, "attacker")).as("the address is locked out, whatever the name")
                .isPositive();
    }

    @Test
    void attemptsAreCountedBeforeTheirPasswordIsChecked() {
        // Three admitted at once, none finished yet: a fourth must not slip in before they fail.
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit(ATTACKER, "alice").isZero()).isTrue();
        }
        assertThat(throttle.admit(ATTACKER, "alice")).isPositive();

        throttle.takeBack(ATTACKER, "alice"); // one of them succeeded after all
        assertThat(throttle.admit(ATTACKER, "alice").isZero()).isTrue();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(fails("2001:db8:1:2::1", "a")).isTrue();
        assertThat(fails("[2001:db8:1:2:ffff::9]", "b")).isTrue();
        assertThat(fails("2001:0db8:0001:0002:0:0:0:abcd", "c")).isTrue();

        assertThat(throttle.admit("2001:db8:1:2:dead:beef:0:1", "d")).isPositive();
        assertThat(fails("2001:db8:1:3::1", "d")).as("the next /64").isTrue();
    }

    @Test
    void addressKeys() {
        assertThat(LoginThrottle.addressKey("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(LoginThrottle.addressKey("[::1]")).isEqualTo("v6:0000000000000000::/64");
        assertThat(LoginThrottle.addressKey("fe80::1%eth0")).isEqualTo("v6:fe80000000000000::/64");
        assertThat(LoginThrottle.addressKey("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(LoginThrottle.usernameKey("A".repeat(5000))).isEqualTo("a".repeat(64));
    }

    @Test
    void memoryIsBoundedAndClosedWindowsAreDropped() {
        LoginThrottle small = new LoginThrottle(3, Duration.ofMinutes(1), clock, 100);
        for (int i = 0; i < 10_000; i++) {
            small.admit("10.0." + (i / 256) + "." + (i % 256), "user" + i);
        }
        assertThat(small.remembered()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        small.admit(ATTACKER, "alice");
        assertThat(small.remembered()).isEqualTo(2);
    }
}
