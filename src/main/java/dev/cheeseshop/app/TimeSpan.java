package dev.cheeseshop.app;

import java.time.Duration;
import picocli.CommandLine;

/** Options taking a duration ({@link dev.cheeseshop.model.TimeSpan}: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 3d}, ...). */
final class TimeSpan implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return dev.cheeseshop.model.TimeSpan.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration such as 30s, 500ms, 2m or 3d"));
    }
}
