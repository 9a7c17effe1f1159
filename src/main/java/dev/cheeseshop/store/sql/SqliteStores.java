package dev.cheeseshop.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cheeseshop.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the embedded metadata store: one SQLite file in WAL mode, migrated on open.
 *
 * <p>Writes go through a pool of one connection (one writer is all SQLite allows; a second
 * connection would only wait on the lock), reads through a pool of several query-only
 * connections, each of which sees a consistent WAL snapshot while writes go on. Another process
 * (the {@code user add} command beside a running server) writes to the same file safely: its
 * {@code BEGIN IMMEDIATE} waits up to the busy timeout for the lock. Each connection keeps its
 * prepared statements ({@link CachingConnections}): sqlite-jdbc would otherwise prepare every
 * statement anew.
 */
public final class SqliteStores {
    /** How long a writer waits for another writer, in this process or another, before failing. */
    static final int BUSY_TIMEOUT_MS = 30_000;

    private SqliteStores() {}

    public static SqlMetadataStore open(Path databaseFile, int readConnections) {
        try {
            Files.createDirectories(databaseFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create " + databaseFile.getParent(), e);
        }
        String url = "jdbc:sqlite:" + databaseFile.toAbsolutePath();
        String schema = SchemaVersion.migrate(dataSource(url), "sqlite");
        HikariDataSource writePool = pool("cheeseshop-write", url, 1, false);
        HikariDataSource readPool = pool("cheeseshop-read", url, readConnections, true);
        return new SqlMetadataStore(new SqliteDialect(), writePool, readPool).expecting(schema);
    }

    static SQLiteDataSource dataSource(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Inserts answer their ids with RETURNING; left on, the driver would match every statement
        // it executes against a regular expression and run SELECT last_insert_rowid() after each INSERT.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    private static HikariDataSource pool(String name, String url, int size, boolean queryOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource(url));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setConnectionTimeout(BUSY_TIMEOUT_MS);
        if (queryOnly) {
            config.setConnectionInitSql("PRAGMA query_only = true");
        }
        CachingConnections.install(config);
        return new HikariDataSource(config);
    }
}
