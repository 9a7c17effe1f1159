package dev.cheeseshop.app;

import dev.cheeseshop.progress.Progress;
import java.io.PrintStream;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress as a bar on a terminal (me.tongfei:progressbar): one bar per stage, over its bytes
 * when their total is known (in MiB, with the rate) and else over its items, the other count
 * beside it, and the time left; redrawn in place a few times a second, left on screen when done.
 */
final class ProgressBars implements Progress {
    private static final long MIB = 1024 * 1024;

    private final String command;
    private final Supplier<ProgressBarConsumer> consumer;

    /** Bars for {@code command} drawn on {@code terminal} (standard error). */
    ProgressBars(String command, PrintStream terminal) {
        this(command, () -> new ConsoleProgressBarConsumer(terminal));
    }

    /** Bars drawn by consumers from {@code consumer} (a seam for tests). */
    ProgressBars(String command, Supplier<ProgressBarConsumer> consumer) {
        this.command = command;
        this.consumer = consumer;
    }

    @Override
    public Stage start(String name, String unit, long items, long bytes) {
        boolean byBytes = bytes > 0;
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(command + " " + name)
                .setInitialMax(byBytes ? bytes : items).setStyle(ProgressBarStyle.ASCII).setConsumer(consumer.get())
                .setUpdateIntervalMillis(250).showSpeed();
        if (byBytes) {
            builder.setUnit(" MiB", MIB);
        } else {
            builder.setUnit(" " + unit, 1);
        }
        ProgressBar bar = builder.build();
        return new Stage() {
            private long done;

            @Override
            public synchronized void advance(long moreItems, long moreBytes) {
                done += moreItems;
                if (byBytes) {
                    bar.stepBy(moreBytes);
                    bar.setExtraMessage(" " + done + (items >= 0 ? "/" + items : "") + " " + unit);
                } else {
                    bar.stepBy(moreItems);
                }
            }

            @Override
            public synchronized void close() {
                bar.close();
            }
        };
    }
}
