package dev.cheeseshop.app;

import dev.cheeseshop.downloads.DownloadCounter;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** When a server's download counts reach the store: every interval in the background, and once at shutdown. */
final class DownloadFlushes {
    private DownloadFlushes() {}

    /** Flushes {@code downloads} (nothing when null: not counted) every {@code every} on {@code executor}. */
    static void every(Duration every, DownloadCounter downloads, ScheduledExecutorService executor) {
        if (downloads == null) {
            return;
        }
        long millis = every.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                downloads.flush();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(DownloadCounter.class).warn("flushing download counts failed (kept for the next flush)", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The last flush, after the server has stopped answering and before the store closes. */
    static void last(DownloadCounter downloads) {
        if (downloads == null) {
            return;
        }
        try {
            downloads.flush();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(DownloadCounter.class).warn("flushing download counts at shutdown failed: {} lost",
                    downloads.pending(), e);
        }
    }
}
