package dev.cheeseshop.app;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations like {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, or a plain number of seconds; zero is allowed. */
final class TimeSpan implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SPAN = Pattern.compile("^(\\d{1,9})\\s*(ms|s|m|h)?$");

    @Override
    public Duration convert(String value) {
        Matcher m = SPAN.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 30s, 500ms or 2m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
