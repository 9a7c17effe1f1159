package dev.cheeseshop.auth;

import dev.cheeseshop.limits.FixedWindowLimit;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The failed-login limiter: at most {@code amount} failed logins per client address and per
 * username in a window of {@code window} that opens at the first failure; beyond that, every
 * login for that address or that username is refused, without checking the password, until the
 * window closes. Time comes from the injected clock; memory is bounded ({@link FixedWindowLimit}).
 *
 * <p>An attempt is counted before its password is checked (so concurrent guesses cannot all pass
 * the check before the first failure is recorded) and taken back if it succeeds or is never
 * checked. A success resets nothing: an attacker who interleaves logins to an account of their
 * own with guesses at another gets no more guesses than one who does not, and a user who
 * mistyped keeps those failures until the window closes. A refused attempt is not counted, so a
 * client that keeps trying is locked out for one window, not for ever.
 *
 * <p>Keys: IPv6 addresses by their /64 (one host's share of a network; any of its 2^64 addresses
 * counts as the same client), IPv4 addresses whole; usernames case-folded as the users table
 * finds them and cut to 64 characters (no real username is longer than 50), so a key is small
 * whatever the client sends.
 */
public final class LoginThrottle {
    /** Addresses and usernames remembered at most, each, by default. */
    public static final int DEFAULT_MAX_KEYS = 100_000;
    private static final int MAX_USERNAME_KEY = 64;

    private final long amount;
    private final Duration window;
    private final Clock clock;
    private final FixedWindowLimit byAddress;
    private final FixedWindowLimit byUsername;

    public LoginThrottle(long amount, Duration window, Clock clock) {
        this(amount, window, clock, DEFAULT_MAX_KEYS);
    }

    public LoginThrottle(long amount, Duration window, Clock clock, int maxKeys) {
        if (amount < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a login limit needs a positive amount, window and table size");
        }
        this.amount = amount;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.byAddress = new FixedWindowLimit(amount, window, maxKeys);
        this.byUsername = new FixedWindowLimit(amount, window, maxKeys);
    }

    /**
     * Counts an attempt by {@code address} for {@code username} when neither is locked out.
     *
     * @return zero when the attempt may go on (and is counted), else how long until it may, at least 1 ms
     */
    public synchronized Duration admit(String address, String username) {
        long now = clock.millis();
        String a = addressKey(address);
        String u = usernameKey(username);
        long wait = Math.max(byAddress.refusedFor(a, now), byUsername.refusedFor(u, now));
        if (wait > 0) {
            return Duration.ofMillis(wait);
        }
        byAddress.count(a, now);
        byUsername.count(u, now);
        return Duration.ZERO;
    }

    /** Takes back an admitted attempt that did not fail: it succeeded, or its password was never checked. */
    public synchronized void takeBack(String address, String username) {
        byAddress.uncount(addressKey(address));
        byUsername.uncount(usernameKey(username));
    }

    /** Addresses and usernames currently remembered (for tests of the memory bound). */
    synchronized int remembered() {
        return byAddress.size() + byUsername.size();
    }

    @Override
    public String toString() {
        return amount + " failed logins per " + window.toSeconds() + " s";
    }

    /** IPv4 addresses as they are; IPv6 addresses by their first 64 bits. */
    static String addressKey(String address) {
        String a = address == null ? "" : address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.indexOf(':') < 0) {
            return a;
        }
        int zone = a.indexOf('%');
        try {
            // A literal with a colon is parsed, never looked up.
            byte[] bytes = InetAddress.getByName(zone < 0 ? a : a.substring(0, zone)).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            StringBuilder key = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) {
                key.append(String.format("%02x", bytes[i] & 0xff));
            }
            return key.append("::/64").toString();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return a.length() > MAX_USERNAME_KEY ? a.substring(0, MAX_USERNAME_KEY) : a;
        }
    }

    static String usernameKey(String username) {
        String u = username == null ? "" : username.toLowerCase(Locale.ROOT);
        return u.length() > MAX_USERNAME_KEY ? u.substring(0, MAX_USERNAME_KEY) : u;
    }
}
