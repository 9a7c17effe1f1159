package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.CommitNotices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears of journal commits on PostgreSQL: one connection of its own (not from the pools) that
 * has run {@code LISTEN cheeseshop_journal}, and a daemon thread blocked on the driver's
 * {@code getNotifications} that hands each batch's highest serial to the receiver (the
 * notifications come at commit, in commit order: see {@link PostgresDialect}).
 *
 * <p>When the connection fails, the listener says so once, connects again after a pause that
 * doubles from {@link #FIRST_RETRY} up to {@link #LAST_RETRY}, and after each successful
 * {@code LISTEN} tells the receiver to {@linkplain Receiver#resync resync}, since commits made
 * while nobody listened were announced to no one. An idle connection is checked with a query every
 * {@link #IDLE_CHECK}, so that a silently dead peer is found (the driver's socket timeout bounds
 * that check) rather than listened to forever.
 */
public final class PostgresJournalListener implements CommitNotices {
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration LAST_RETRY = Duration.ofSeconds(5);
    static final Duration IDLE_CHECK = Duration.ofSeconds(10);
    /** The application name of the listening connection, as {@code pg_stat_activity} shows it. */
    public static final String APPLICATION_NAME = "cheeseshop-listen";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresJournalListener.class);

    private final DataSource dataSource;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object lock = new Object();
    private Connection current; // guarded by lock
    private Thread thread;
    private volatile Receiver receiver;

    PostgresJournalListener(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void start(Receiver receiver) {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            this.receiver = receiver;
            thread = new Thread(this::run, "journal-listener");
            thread.setDaemon(true);
        }
        Connection first = connect();
        synchronized (lock) {
            if (first != null && closing.getCount() > 0) {
                current = first;
            } else if (first != null) {
                closeQuietly(first);
            }
        }
        thread.start();
    }

    /** The loop of the listener's thread: listen on the current connection, or connect again. */
    private void run() {
        Duration retry = FIRST_RETRY;
        while (closing.getCount() > 0) {
            Connection conn;
            synchronized (lock) {
                conn = current;
            }
            if (conn == null) {
                if (awaitClose(retry)) {
                    return;
                }
                conn = connect();
                if (conn == null) {
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                    continue;
                }
                synchronized (lock) {
                    if (closing.getCount() == 0) {
                        closeQuietly(conn);
                        return;
                    }
                    current = conn;
                }
            }
            retry = FIRST_RETRY;
            listen(conn);
            synchronized (lock) {
                current = null;
            }
            closeQuietly(conn);
        }
    }

    /** A new listening connection, the receiver told to resync; null (logged) when it failed. */
    private Connection connect() {
        Connection conn = null;
        try {
            conn = dataSource.getConnection();
            conn.setAutoCommit(true);
            try (Statement statement = conn.createStatement()) {
                statement.execute("LISTEN " + PostgresDialect.CHANNEL);
            }
            receiver.resync();
            return conn;
        } catch (SQLException | RuntimeException e) {
            if (conn != null) {
                closeQuietly(conn);
            }
            if (closing.getCount() > 0) {
                LOG.warn("cannot listen for journal commits (the poll still sees them, later): {}", e.getMessage());
            }
            return null;
        }
    }

    /** Hands notifications to the receiver until the connection fails or the listener closes. */
    private void listen(Connection conn) {
        try {
            PGConnection pg = conn.unwrap(PGConnection.class);
            while (closing.getCount() > 0) {
                PGNotification[] batch = pg.getNotifications((int) IDLE_CHECK.toMillis());
                if (batch == null || batch.length == 0) {
                    try (Statement statement = conn.createStatement()) {
                        statement.execute("SELECT 1");
                    }
                    continue;
                }
                long last = 0;
                for (PGNotification notification : batch) {
                    last = Math.max(last, serial(notification));
                }
                if (last > 0) {
                    receiver.committed(Serial.of(last));
                } else {
                    receiver.resync();
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (closing.getCount() > 0) {
                LOG.warn("listening for journal commits failed; connecting again: {}", e.getMessage());
            }
        }
    }

    /** The serial a notification names; zero (look for yourself) when it names none. */
    private static long serial(PGNotification notification) {
        try {
            return Math.max(0, Long.parseLong(notification.getParameter()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Waits {@code pause}, or less if the listener closes; true when it did. */
    private boolean awaitClose(Duration pause) {
        try {
            return closing.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            closing.countDown();
            running = thread;
            if (current != null) {
                try {
                    // Closes the socket under the thread blocked on it, without waiting for the driver's lock.
                    current.abort(Runnable::run);
                } catch (SQLException e) {
                    LOG.debug("aborting the listening connection failed", e);
                }
            }
        }
        if (running != null && running.isAlive() && running != Thread.currentThread()) {
            try {
                running.join(LAST_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Connection conn) {
        try {
            conn.close();
        } catch (SQLException e) {
            LOG.debug("closing the listening connection failed", e);
        }
    }
}
