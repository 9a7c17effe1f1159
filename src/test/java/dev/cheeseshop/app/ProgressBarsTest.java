package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.progress.Progress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The terminal's progress bar, drawn into a recording consumer: what its last frame shows. */
class ProgressBarsTest {
    private static final long MIB = 1024 * 1024;

    /** Keeps every frame the bar draws. */
    private static final class Frames implements ProgressBarConsumer {
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public int getMaxRenderedLength() {
            return 160;
        }

        @Override
        public void accept(String frame) {
            frames.add(frame);
        }

        @Override
        public void close() {}

        String last() {
            return frames.get(frames.size() - 1);
        }
    }

    @Test
    void aStageWithBytesIsABarOverMebibytesWithItsItemsBeside() {
        Frames frames = new Frames();
        Progress progress = new ProgressBars("backup", () -> frames);

        try (Progress.Stage stage = progress.start("files", "files", 3, 6 * MIB)) {
            stage.advance(1, 2 * MIB);
            stage.advance(1, 2 * MIB);
            stage.advance(1, 2 * MIB);
        }

        assertThat(frames.last()).startsWith("backup files 100%").contains("6/6 MiB", "3/3 files", "MiB/s");
    }

    @Test
    void aStageWithoutBytesCountsItsItems() {
        Frames frames = new Frames();
        Progress progress = new ProgressBars("bench-data", () -> frames);

        try (Progress.Stage stage = progress.start("journal", "entries", 40, Progress.UNKNOWN)) {
            stage.advance(10, 0);
            stage.advance(30, 0);
        }

        assertThat(frames.last()).startsWith("bench-data journal 100%").contains("40/40 entries");
    }
}
