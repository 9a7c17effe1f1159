package dev.cheeseshop.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the command line and the proxy's policy file write them: a whole number and a unit,
 * {@code 500ms}, {@code 30s}, {@code 30m}, {@code 12h}, {@code 3d}, {@code 2w}, or a plain number of
 * seconds; zero is allowed, negative numbers and fractions are not.
 */
public final class TimeSpan {
    private static final Pattern SPAN = Pattern.compile("^(\\d{1,9})\\s*(ms|s|m|h|d|w)?$");

    /** What {@link #parse} accepts, for messages. */
    public static final String EXAMPLES = "30s, 30m, 12h, 3d or 2w";

    private TimeSpan() {}

    /** The duration {@code text} writes, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SPAN.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofSeconds(n);
        });
    }

    /**
     * A short form of {@code duration}: its largest unit of days, hours, minutes, seconds and
     * milliseconds, and the next one when that is not zero ({@code 3d}, {@code 2h13m}, {@code 1d}
     * for a day and five minutes, {@code 0s}), truncated, not rounded; negative durations with a
     * leading {@code -}. ASCII, for logs and headers.
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long[] amounts = {duration.toDays(), duration.toHoursPart(), duration.toMinutesPart(),
            duration.toSecondsPart(), duration.toMillisPart()};
        String[] units = {"d", "h", "m", "s", "ms"};
        StringBuilder out = new StringBuilder();
        int written = 0;
        for (int i = 0; i < amounts.length && written < 2; i++) {
            if (amounts[i] != 0) {
                out.append(amounts[i]).append(units[i]);
                written++;
            } else if (written > 0) {
                break;
            }
        }
        return written == 0 ? "0s" : out.toString();
    }
}
