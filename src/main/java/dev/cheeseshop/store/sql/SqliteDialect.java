package dev.cheeseshop.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite: write transactions start with {@code BEGIN IMMEDIATE}, which takes the database's
 * single write lock at once (waiting up to the busy timeout when another connection or process
 * holds it). Writers are therefore serialised, which alone keeps journal serials in commit order:
 * there is nothing more to lock. Read transactions are deferred and see one WAL snapshot.
 */
final class SqliteDialect implements Dialect {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public void beginWrite(Connection conn) throws SQLException {
        execute(conn, "BEGIN IMMEDIATE");
    }

    @Override
    public void beginRead(Connection conn) throws SQLException {
        execute(conn, "BEGIN DEFERRED");
    }

    @Override
    public void commit(Connection conn) throws SQLException {
        execute(conn, "COMMIT");
    }

    @Override
    public void rollback(Connection conn) throws SQLException {
        execute(conn, "ROLLBACK");
    }

    @Override
    public void lockJournal(Connection conn) {
        // BEGIN IMMEDIATE already holds the only write lock there is.
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        int code = e.getErrorCode();
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE.code
                || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY.code
                || (code == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                        && String.valueOf(e.getMessage()).contains("UNIQUE"));
    }

    /** Through the connection's statement cache when it has one: these run around every transaction. */
    private static void execute(Connection conn, String sql) throws SQLException {
        StatementCache statements = StatementCache.of(conn);
        if (statements == null) {
            try (Statement statement = conn.createStatement()) {
                statement.execute(sql);
            }
            return;
        }
        PreparedStatement statement = statements.take(sql);
        try {
            statement.execute();
        } catch (SQLException | RuntimeException e) {
            statements.discard(statement);
            throw e;
        }
        statements.give(sql, statement);
    }

    @Override
    public FullText fullText() {
        return SqliteFullText.INSTANCE;
    }
}
