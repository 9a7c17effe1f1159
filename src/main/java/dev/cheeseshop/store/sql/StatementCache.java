package dev.cheeseshop.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepared statements of one physical connection, kept open between transactions and keyed
 * by their SQL, so that a statement is prepared once per connection rather than once per use
 * (sqlite-jdbc prepares anew on every {@code prepareStatement}, a JNI call into SQLite's parser
 * and planner). It belongs to a {@link CachingConnections} connection, which closes it, and every
 * statement in it, when the pool closes the connection.
 *
 * <p>A statement is {@linkplain #take taken} for one use and {@linkplain #give given back}
 * afterwards, its result set closed. While taken it is not in the cache: a nested use of the same
 * SQL (a query run inside another's row loop) gets a statement of its own, prepared then, and the
 * cache keeps one of the two. The cache is bounded (least recently used statements are closed
 * first), so SQL built per call, such as an {@code IN} list of varying length, cannot grow it
 * without end.
 *
 * <p>On PostgreSQL, pgjdbc keeps its own per-connection cache of parsed queries and server-side
 * prepared statements ({@code preparedStatementCacheQueries}, {@code prepareThreshold}): a
 * statement kept open here holds its server-side statement, and one closed here (evicted) goes
 * back to pgjdbc's cache, so the two do not fight; this one saves the client-side parse and the
 * statement object.
 *
 * <p>Used by one thread at a time (the one holding the connection); the pool may close it from
 * another, hence the lock, which is never contended.
 */
final class StatementCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);

    /** The statements of one connection: the application has a few dozen distinct SQL strings. */
    static final int DEFAULT_CAPACITY = 256;

    private final Connection physical;
    private final int capacity;
    private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(64, 0.75f, true);
    private long prepares;
    private long hits;
    private long evictions;
    private boolean closed;

    StatementCache(Connection physical, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.physical = physical;
        this.capacity = capacity;
    }

    /**
     * The cache of {@code conn} when it is (or wraps, as the pool's proxy does) a
     * {@link CachingConnections} connection; null otherwise.
     */
    static StatementCache of(Connection conn) throws SQLException {
        if (conn instanceof CachingConnections.Cached cached) {
            return cached.statements();
        }
        return conn.isWrapperFor(CachingConnections.Cached.class)
                ? conn.unwrap(CachingConnections.Cached.class).statements()
                : null;
    }

    /** A statement for {@code sql}, idle in the cache or prepared now; give it back after use. */
    PreparedStatement take(String sql) throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new SQLException("connection closed");
            }
            PreparedStatement statement = idle.remove(sql);
            if (statement != null) {
                hits++;
                return statement;
            }
            prepares++;
        }
        return physical.prepareStatement(sql);
    }

    /**
     * Gives back a statement taken for {@code sql}, its result sets closed. It is kept unless the
     * cache holds another one for that SQL already or is closed; then it is closed.
     */
    void give(String sql, PreparedStatement statement) {
        PreparedStatement surplus = statement;
        PreparedStatement evicted = null;
        synchronized (this) {
            if (!closed && !idle.containsKey(sql)) {
                idle.put(sql, statement);
                surplus = null;
                if (idle.size() > capacity) {
                    Iterator<Map.Entry<String, PreparedStatement>> eldest = idle.entrySet().iterator();
                    evicted = eldest.next().getValue();
                    eldest.remove();
                    evictions++;
                }
            }
        }
        closeQuietly(surplus);
        closeQuietly(evicted);
    }

    /** Closes a statement taken for a use that failed: its state is not trusted again. */
    void discard(PreparedStatement statement) {
        closeQuietly(statement);
    }

    /** Closes every idle statement; statements taken now are closed when given back. */
    @Override
    public void close() {
        PreparedStatement[] statements;
        synchronized (this) {
            closed = true;
            statements = idle.values().toArray(new PreparedStatement[0]);
            idle.clear();
        }
        for (PreparedStatement statement : statements) {
            closeQuietly(statement);
        }
    }

    /** Counters, for tests and logs: statements prepared, uses served from the cache, evictions, held now. */
    record Stats(long prepares, long hits, long evictions, int idle, boolean closed) {}

    synchronized Stats stats() {
        return new Stats(prepares, hits, evictions, idle.size(), closed);
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException e) {
            LOG.debug("closing a cached statement failed", e);
        }
    }
}
