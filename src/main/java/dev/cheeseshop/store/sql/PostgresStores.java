package dev.cheeseshop.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cheeseshop.store.CommitNotices;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the metadata store on a PostgreSQL database, migrated on open (Flyway takes its own lock,
 * so several processes may start at once).
 *
 * <p>Two pools, as for SQLite: one of read-write connections and one of read-only ones whose
 * transactions are REPEATABLE READ, so each read sees one snapshot. Unlike SQLite, writers run
 * concurrently; {@link PostgresDialect} keeps the journal in commit order. Each connection keeps
 * its prepared statements ({@link CachingConnections}), which pgjdbc turns into server-side ones
 * after a few uses, so a page read parses nothing on either side.
 *
 * <p>The password is never part of a URL or a message: it is given here, or, when null, the
 * driver looks it up in the pgpass file ({@code PGPASSFILE}, else {@code ~/.pgpass}), as libpq
 * does. Server error details (which can quote the values of a row) are kept out of exceptions.
 */
public final class PostgresStores {
    /** How long a caller waits for a connection before failing. */
    static final int CONNECTION_TIMEOUT_MS = 30_000;
    /** How long the listener waits on a silent server before it gives the connection up, in seconds. */
    static final int LISTENER_SOCKET_TIMEOUT_S = 30;
    private static final PostgresDialect DIALECT = new PostgresDialect();

    private PostgresStores() {}

    /**
     * @param jdbcUrl  {@code jdbc:postgresql://HOST:PORT/DB}, with no user or password in it
     * @param password null to read the pgpass file
     * @param poolSize connections in each of the two pools
     */
    public static SqlMetadataStore open(String jdbcUrl, String user, String password, int poolSize) {
        return open(jdbcUrl, user, password, poolSize, DIALECT);
    }

    /** With another dialect: a seam for the benchmark of journal locks ({@code JournalLockBench}). */
    static SqlMetadataStore open(String jdbcUrl, String user, String password, int poolSize, Dialect dialect) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        PGSimpleDataSource dataSource = dataSource(jdbcUrl, user, password);
        String schema = SchemaVersion.migrate(dataSource, DIALECT.name());
        HikariDataSource writePool = pool("cheeseshop-write", dataSource, poolSize, false);
        try {
            HikariDataSource readPool = pool("cheeseshop-read", dataSource, poolSize, true);
            return new SqlMetadataStore(dialect, writePool, readPool).expecting(schema);
        } catch (RuntimeException e) {
            writePool.close();
            throw e;
        }
    }

    /** Opens the store on a {@link PostgresUrl}. */
    public static SqlMetadataStore open(PostgresUrl url, String password, int poolSize) {
        return open(url.jdbcUrl(), url.user(), password, poolSize);
    }

    /**
     * Notices of journal commits on the database, heard on a connection of their own (see
     * {@link PostgresJournalListener}); not started.
     */
    public static CommitNotices listener(PostgresUrl url, String password) {
        PGSimpleDataSource dataSource = dataSource(url.jdbcUrl(), url.user(), password);
        dataSource.setApplicationName(PostgresJournalListener.APPLICATION_NAME);
        dataSource.setSocketTimeout(LISTENER_SOCKET_TIMEOUT_S);
        dataSource.setConnectTimeout(LISTENER_SOCKET_TIMEOUT_S);
        return new PostgresJournalListener(dataSource);
    }

    /** One plain connection, outside the pools: for the bulk loader's COPY. */
    static Connection connect(PostgresUrl url, String password) throws SQLException {
        return dataSource(url.jdbcUrl(), url.user(), password).getConnection();
    }

    static PGSimpleDataSource dataSource(String jdbcUrl, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(user);
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setApplicationName("cheeseshop");
        dataSource.setLogServerErrorDetail(false);
        dataSource.setTcpKeepAlive(true);
        return dataSource;
    }

    private static HikariDataSource pool(String name, PGSimpleDataSource dataSource, int size, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setReadOnly(readOnly);
        config.setTransactionIsolation(readOnly ? "TRANSACTION_REPEATABLE_READ" : "TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        CachingConnections.install(config);
        return new HikariDataSource(config);
    }
}
