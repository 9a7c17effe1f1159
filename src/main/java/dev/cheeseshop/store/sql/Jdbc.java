package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.StoreException;
import dev.cheeseshop.store.UniqueViolation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The few JDBC moves the repositories make, on the transaction's one connection, with its
 * prepared statements from the connection's {@link StatementCache} when it has one.
 */
final class Jdbc {
    private final Connection conn;
    private final Dialect dialect;
    private final StatementCache statements;

    Jdbc(Connection conn, Dialect dialect) {
        this(conn, dialect, null);
    }

    /** {@code statements}: the connection's cache, or null to prepare (and close) per use. */
    Jdbc(Connection conn, Dialect dialect, StatementCache statements) {
        this.conn = conn;
        this.dialect = dialect;
        this.statements = statements;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    Connection connection() {
        return conn;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The connection's statement cache, or null when each statement is prepared for one use. */
    StatementCache statements() {
        return statements;
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        List<T> out = new ArrayList<>();
        each(sql, mapper, out::add, args);
        return out;
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = list(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Streams the rows to {@code sink} without collecting them. */
    <T> void each(String sql, RowMapper<T> mapper, Consumer<? super T> sink, Object... args) {
        rows(sql, rs -> sink.accept(mapper.map(rs)), args);
    }

    /** A row callback that may throw what JDBC throws. */
    @FunctionalInterface
    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    /** Hands each row to {@code handler} as it comes, creating nothing per row. */
    void rows(String sql, RowHandler handler, Object... args) {
        use(sql, statement -> {
            bind(statement, args);
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
            return null;
        });
    }

    int update(String sql, Object... args) {
        return use(sql, statement -> {
            bind(statement, args);
            return statement.executeUpdate();
        });
    }

    /** Runs an {@code INSERT ... RETURNING id} and answers the id. */
    long insert(String sql, Object... args) {
        return use(sql, statement -> {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("insert returned no id: " + sql, null);
                }
                return rs.getLong(1);
            }
        });
    }

    /** A use of one prepared statement that may throw what JDBC throws. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs {@code work} on a statement for {@code sql}: the connection's cached one, given back
     * afterwards (closed instead when the work failed), or one prepared for this use and closed.
     */
    private <T> T use(String sql, StatementWork<T> work) {
        if (statements == null) {
            try (PreparedStatement statement = conn.prepareStatement(sql)) {
                return work.run(statement);
            } catch (SQLException e) {
                throw translate(e, sql);
            }
        }
        PreparedStatement statement;
        try {
            statement = statements.take(sql);
        } catch (SQLException e) {
            throw translate(e, sql);
        }
        T result;
        try {
            result = work.run(statement);
        } catch (SQLException e) {
            statements.discard(statement);
            throw translate(e, sql);
        } catch (RuntimeException | Error e) {
            statements.discard(statement);
            throw e;
        }
        statements.give(sql, statement);
        return result;
    }

    StoreException translate(SQLException e, String sql) {
        if (dialect.isUniqueViolation(e)) {
            return new UniqueViolation(e.getMessage(), e);
        }
        return new StoreException("SQL failed: " + sql, e);
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            if (arg == null) {
                statement.setNull(index, Types.NULL);
            } else if (arg instanceof Boolean b) {
                statement.setBoolean(index, b);
            } else if (arg instanceof Long || arg instanceof Integer) {
                statement.setLong(index, ((Number) arg).longValue());
            } else if (arg instanceof String s) {
                statement.setString(index, s);
            } else {
                statement.setObject(index, arg);
            }
        }
    }
}
