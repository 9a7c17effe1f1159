package dev.cheeseshop.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store on a SQL database: one pool for read-write transactions and one for reads,
 * with the dialect deciding how transactions begin and end. The repositories prepare their
 * statements through the connection's {@link StatementCache} when its pool has one
 * ({@link CachingConnections#install}).
 */
public final class SqlMetadataStore implements MetadataStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqlMetadataStore.class);

    private final Dialect dialect;
    private final HikariDataSource writePool;
    private final HikariDataSource readPool;
    private volatile String schema;

    SqlMetadataStore(Dialect dialect, HikariDataSource writePool, HikariDataSource readPool) {
        this.dialect = dialect;
        this.writePool = writePool;
        this.readPool = readPool;
    }

    /** This store, whose {@link #schemaProblem} compares the database's schema with version {@code newest}. */
    SqlMetadataStore expecting(String newest) {
        this.schema = newest;
        return this;
    }

    @Override
    public Optional<String> schemaProblem() {
        if (schema == null) {
            return Optional.empty();
        }
        try (Connection conn = readPool.getConnection()) {
            try {
                return SchemaVersion.problem(conn, schema);
            } finally {
                if (!conn.getAutoCommit()) {
                    conn.rollback();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema's version", e);
        }
    }

    @Override
    public <T> T write(TransactionWork<T> work) {
        return run(writePool, true, work);
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
        return run(readPool, false, work);
    }

    private <T> T run(HikariDataSource pool, boolean write, TransactionWork<T> work) {
        try (Connection conn = pool.getConnection()) {
            if (write) {
                dialect.beginWrite(conn);
            } else {
                dialect.beginRead(conn);
            }
            T result;
            try {
                SqlTransaction tx = new SqlTransaction(new Jdbc(conn, dialect, StatementCache.of(conn)));
                result = work.run(tx);
                if (write) {
                    tx.beforeCommit();
                }
            } catch (RuntimeException | Error e) {
                rollback(pool, conn, e);
                throw e;
            }
            try {
                dialect.commit(conn);
            } catch (SQLException e) {
                rollback(pool, conn, e);
                throw new StoreException("commit failed", e);
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot open a transaction", e);
        }
    }

    private void rollback(HikariDataSource pool, Connection conn, Throwable cause) {
        try {
            dialect.rollback(conn);
        } catch (SQLException e) {
            // The connection's state is unknown now: never hand it out again.
            LOG.warn("rollback failed; evicting the connection", e);
            cause.addSuppressed(e);
            pool.evictConnection(conn);
        }
    }

    /**
     * How busy a pool is at this moment: connections lent out, connections idle in the pool,
     * threads waiting for one, and the most it will open.
     */
    public record PoolUsage(int active, int idle, int waiting, int max) {}

    /** The usage of the {@code write} and the {@code read} pool, for metrics; a pool already closed is left out. */
    public Map<String, PoolUsage> poolUsage() {
        Map<String, PoolUsage> usage = new LinkedHashMap<>();
        usage(writePool).ifPresent(u -> usage.put("write", u));
        usage(readPool).ifPresent(u -> usage.put("read", u));
        return usage;
    }

    private static Optional<PoolUsage> usage(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null || pool.isClosed()) {
            return Optional.empty();
        }
        return Optional.of(new PoolUsage(bean.getActiveConnections(), bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize()));
    }

    @Override
    public void close() {
        readPool.close();
        writePool.close();
    }
}
