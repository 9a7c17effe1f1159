package dev.cheeseshop.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Periodic progress lines, on a clock the test moves: when a line comes, and what it says. */
class ProgressLinesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> lines = new ArrayList<>();
    private final Progress progress = new ProgressLines("backup", lines::add, clock, Duration.ofSeconds(10));

    @Test
    void aLineComesOnceTheIntervalHasPassedWithRateAndTimeLeftThenOneWhenTheStageEnds() {
        try (Progress.Stage stage = progress.start("files", "files", 10, 1000)) {
            stage.advance(1, 100);
            clock.advance(Duration.ofSeconds(9));
            stage.advance(1, 100);
            assertThat(lines).as("within the interval").isEmpty();
            clock.advance(Duration.ofSeconds(1));
            stage.advance(0, 0);
            // 200 of 1000 bytes in 10 s: 20 B/s; 80% left at that rate is 40 s.
            assertThat(lines).containsExactly("backup: files 2/10 files (20%), 200 B of 1000 B, 20 B/s, 40s left");
            clock.advance(Duration.ofSeconds(5));
            stage.advance(3, 300);
            assertThat(lines).hasSize(1);
            clock.advance(Duration.ofSeconds(5));
            stage.advance(5, 500);
        }
        assertThat(lines).containsExactly("backup: files 2/10 files (20%), 200 B of 1000 B, 20 B/s, 40s left",
                "backup: files 10/10 files (100%), 1000 B of 1000 B, 50 B/s",
                "backup: files done: 10 files, 1000 B in 20s, 50 B/s");
    }

    @Test
    void workThatEndsWithinTheIntervalPrintsNothing() {
        try (Progress.Stage stage = progress.start("database", "pages", 4, 4 * 4096)) {
            stage.advance(4, 4 * 4096);
            clock.advance(Duration.ofSeconds(9));
        }
        assertThat(lines).isEmpty();
    }

    @Test
    void withoutTotalsALineGivesTheCountsAndTheRateOfItems() {
        try (Progress.Stage stage = progress.start("blobs", "blobs", Progress.UNKNOWN, Progress.UNKNOWN)) {
            clock.advance(Duration.ofSeconds(10));
            stage.advance(25, 0);
        }
        assertThat(lines).containsExactly("backup: blobs 25 blobs, 2.5 blobs/s", "backup: blobs done: 25 blobs in 10s,"
                + " 2.5 blobs/s");
    }

    @Test
    void aZeroIntervalGivesALineAtEveryStepInKibAndMib() {
        Progress every = new ProgressLines("migrate", lines::add, clock, Duration.ZERO);
        try (Progress.Stage stage = every.start("blobs", "files", 2, 3L * 1024 * 1024)) {
            clock.advance(Duration.ofSeconds(2));
            stage.advance(1, 1024 * 1024);
            clock.advance(Duration.ofMinutes(2));
            stage.advance(1, 2 * 1024 * 1024);
        }
        // 1 MiB of 3 in 2 s: 512 KiB/s, two thirds left: 4 s. Then 3 MiB in 122 s.
        assertThat(lines).containsExactly("migrate: blobs 1/2 files (33%), 1.0 MiB of 3.0 MiB, 512.0 KiB/s, 4s left",
                "migrate: blobs 2/2 files (100%), 3.0 MiB of 3.0 MiB, 25.2 KiB/s",
                "migrate: blobs done: 2 files, 3.0 MiB in 2m02s, 25.2 KiB/s");
    }

    @Test
    void sizesAndDurationsReadAsPeopleWriteThem() {
        assertThat(ProgressLines.size(1023)).isEqualTo("1023 B");
        assertThat(ProgressLines.size(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressLines.size(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
        assertThat(ProgressLines.duration(59_999)).isEqualTo("59s");
        assertThat(ProgressLines.duration(3_723_000)).isEqualTo("1h02m03s");
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new ProgressLines("x", lines::add, clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
