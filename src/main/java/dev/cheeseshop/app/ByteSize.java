package dev.cheeseshop.app;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Sizes like {@code 104857600}, {@code 100MiB}, {@code 100MB} (taken as MiB) or {@code 1GiB}. */
final class ByteSize implements CommandLine.ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("^(\\d{1,12})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$");

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 100MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long multiplier = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n <= 0) {
            throw new CommandLine.TypeConversionException("the size must be positive");
        }
        return Math.multiplyExact(n, multiplier);
    }
}
