package dev.cheeseshop.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * PostgreSQL: the pools hand out connections with auto-commit off, so the driver opens a
 * transaction with the first statement, at the isolation level the pool set (READ COMMITTED for
 * writes, REPEATABLE READ READ ONLY for reads: one snapshot for every query of a read, as
 * SQLite's WAL gives), and a transaction ends with the JDBC commit or rollback.
 *
 * <p>Writers run concurrently, so nothing orders the journal by itself: a transaction takes a
 * transaction-scoped advisory lock before its first journal row, as Warehouse does. The lock is
 * held to the commit, so the next writer draws its serial from the sequence only after the
 * previous one is visible, and a follower never sees serial {@code n+1} while {@code n} is still
 * in flight.
 *
 * <p>A transaction that wrote journal rows also queues {@code NOTIFY cheeseshop_journal, '<last
 * serial>'} before it commits. PostgreSQL delivers a notification only when its transaction
 * commits, and notifications of different transactions in commit order, so a listener (see
 * {@link PostgresJournalListener}) hears of each commit once it is visible, in serial order.
 */
final class PostgresDialect implements Dialect {
    /** The journal lock's key, the same in every process on the database: "cheesesh" in ASCII. */
    static final long JOURNAL_LOCK = 0x6368656573657368L;

    /** The channel on which journal commits are announced, the same in every process on the database. */
    static final String CHANNEL = "cheeseshop_journal";

    /** SQLSTATE unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void beginWrite(Connection conn) {
        // Auto-commit is off: the first statement begins the transaction.
    }

    @Override
    public void beginRead(Connection conn) {
        // Auto-commit is off and the connection read-only: the first statement begins the snapshot.
    }

    @Override
    public void commit(Connection conn) throws SQLException {
        conn.commit();
    }

    @Override
    public void rollback(Connection conn) throws SQLException {
        conn.rollback();
    }

    @Override
    public void lockJournal(Connection conn) throws SQLException {
        try (PreparedStatement lock = conn.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, JOURNAL_LOCK);
            lock.execute();
        }
    }

    @Override
    public void moveIdsPast(Connection conn, String table) throws SQLException {
        // is_called false: the next nextval() answers exactly MAX(id) + 1 (1 for an empty table).
        try (PreparedStatement setval = conn.prepareStatement("SELECT setval(pg_get_serial_sequence(?, 'id'),"
                + " (SELECT COALESCE(MAX(id), 0) + 1 FROM " + table + "), false)")) {
            setval.setString(1, table);
            setval.execute();
        }
    }

    @Override
    public void journalWritten(Connection conn, long lastSerial) throws SQLException {
        try (PreparedStatement notify = conn.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, Long.toString(lastSerial));
            notify.execute();
        }
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    public FullText fullText() {
        return PostgresFullText.INSTANCE;
    }
}
