package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSpanTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "30, 30000", "0, 0", "30m, 1800000", "12h, 43200000",
        "3d, 259200000", "2w, 1209600000", "' 3D ', 259200000", "3 d, 259200000"})
    void parsesEveryUnit(String text, long millis) {
        assertThat(TimeSpan.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d", "-1d", "1.5h", "3days", "1y", "3d2h", "1234567890s"})
    void refusesAnythingElse(String text) {
        assertThat(TimeSpan.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "45000, 45s", "2700000, 45m", "7980000, 2h13m", "259200000, 3d", "1209600000, 14d",
        "90061000, 1d1h", "86460000, 1d", "1500, 1s500ms", "-300000, -5m"})
    void formatsTheTwoLargestUnits(long millis, String text) {
        assertThat(TimeSpan.format(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
