package dev.cheeseshop.xmlrpc;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many XML-RPC calls one client may make per window, written as PyPI's limit strings are
 * ({@code 3600/hour}, {@code 3600 per hour}, {@code 2/second}; units second, minute, hour, day).
 *
 * @param amount calls allowed per window, at least 1
 * @param window the window's length
 */
public record RateLimit(long amount, Duration window) {
    private static final Pattern TEXT = Pattern.compile(
            "^(\\d{1,9})\\s*(?:/|\\s+per\\s+)\\s*(second|minute|hour|day)s?$");

    /** Validates the numbers. */
    public RateLimit {
        if (amount < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive amount and window");
        }
    }

    /**
     * Parses {@code N/unit} or {@code N per unit}; empty or {@code off} means no limit.
     *
     * @throws IllegalArgumentException with a one-line explanation for anything else
     */
    public static Optional<RateLimit> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("off")) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(t);
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new IllegalArgumentException("'" + text + "' is not a rate limit such as 3600/hour"
                    + " (N/second, N/minute, N/hour or N/day, N at least 1; or off)");
        }
        Duration window = switch (m.group(2)) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return Optional.of(new RateLimit(Long.parseLong(m.group(1)), window));
    }

    @Override
    public String toString() {
        return amount + " per " + window.toSeconds() + " s";
    }
}
