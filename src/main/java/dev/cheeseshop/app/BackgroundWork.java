package dev.cheeseshop.app;

import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.dist.DistInspector;
import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.CommitNotices;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Reconciler;
import dev.cheeseshop.upload.Staging;
import dev.cheeseshop.upload.WheelMetadataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * What a server does besides answering requests, on one daemon thread: the journal watch kept
 * current (by commit notices from other processes and by a poll), the reconciler now and then,
 * download counts flushed, ended browser sessions swept, and the proxy's own tasks.
 */
final class BackgroundWork {
    private BackgroundWork() {}

    /** The single thread the background work runs on; stopped with {@code shutdownNow} at close. */
    static ScheduledExecutorService thread() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "background");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Keeps {@code watch} current: polled once now, woken by {@code notices} when another process
     * commits, and polled every {@code settings.journalPoll()} as the fallback.
     */
    static void watchJournal(Settings settings, JournalWatch watch, MetadataStore store, CommitNotices notices,
            ScheduledExecutorService background) {
        watch.poll(store);
        notices.start(new CommitNotices.Receiver() {
            @Override
            public void committed(Serial last) {
                watch.notified(last);
            }

            @Override
            public void resync() {
                pollJournal(watch, store);
            }
        });
        long poll = settings.journalPoll().toMillis();
        background.scheduleWithFixedDelay(() -> pollJournal(watch, store), poll, poll, TimeUnit.MILLISECONDS);
    }

    /** Notices changes other processes commit, for the render cache. */
    private static void pollJournal(JournalWatch watch, MetadataStore store) {
        try {
            watch.poll(store);
        } catch (RuntimeException e) {
            watch.changed(); // unsure: assume a change
            LoggerFactory.getLogger(JournalWatch.class).warn("polling the journal failed", e);
        }
    }

    /**
     * A reconciler of the index's blobs and file rows, which rebuilds a missing METADATA from its
     * wheel, streamed to a file in {@code staging} and read as uploads are.
     */
    static Reconciler reconciler(MetadataStore store, BlobStore blobs, Clock clock, Staging staging, Duration grace) {
        return new Reconciler(store, blobs, clock, grace, new WheelMetadataSource(staging, new DistInspector()));
    }

    /**
     * Removes orphan blobs and rebuilds missing METADATA now and then, in the background, with a
     * warning for each blob a file row names that is missing still; off when the interval is zero.
     */
    static void reconcileEvery(Settings settings, Reconciler reconciler, ScheduledExecutorService executor) {
        Duration every = settings.reconcileEvery();
        if (every.isZero()) {
            return;
        }
        executor.scheduleWithFixedDelay(() -> {
            try {
                reconciler.run(false).missing().forEach(missing -> LoggerFactory.getLogger(Reconciler.class).warn(
                        "file {} names a missing blob {}{}", missing.filename(), missing.key(),
                        missing.reason() == null ? "" : ": " + missing.reason()));
            } catch (Exception e) {
                LoggerFactory.getLogger(Reconciler.class).warn("reconciling blobs failed", e);
            }
        }, every.toSeconds(), every.toSeconds(), TimeUnit.SECONDS);
    }

    /** How often ended browser sessions are deleted. */
    static final Duration SESSION_SWEEP = Duration.ofHours(1);

    /**
     * Deletes ended browser sessions every {@link #SESSION_SWEEP}, first an hour after the start:
     * an ended session is refused whether swept or not, so this only frees their rows. On several
     * servers over one database each sweeps; a sweep that finds nothing costs one indexed read.
     */
    static void sweepSessions(WebSessions sessions, ScheduledExecutorService executor) {
        long every = SESSION_SWEEP.toSeconds();
        executor.scheduleWithFixedDelay(() -> {
            try {
                int swept = sessions.sweep();
                if (swept > 0) {
                    LoggerFactory.getLogger(WebSessions.class).debug("deleted {} ended sessions", swept);
                }
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(WebSessions.class).warn("sweeping ended sessions failed", e);
            }
        }, every, every, TimeUnit.SECONDS);
    }
}
