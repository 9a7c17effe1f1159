package dev.cheeseshop.app;

import dev.cheeseshop.store.CommitNotices;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.PostgresStores;
import dev.cheeseshop.store.sql.PostgresUrl;
import dev.cheeseshop.store.sql.SqlDatabase;
import dev.cheeseshop.store.sql.SqliteStores;
import java.nio.file.Path;

/**
 * Where the metadata is: the embedded SQLite file in the data directory (the default), or a
 * PostgreSQL database ({@code --database postgresql://...}). The password is held only to be
 * handed to the driver: it is in no message and no {@code toString}.
 */
public abstract class MetadataDatabase {
    private MetadataDatabase() {}

    /** Opens the store, migrated; {@code connections} is the size of its read pool. */
    abstract MetadataStore open(int connections);

    /** One plain connection, migrated, for copying the index ({@code migrate}); {@code source}: read only. */
    abstract SqlDatabase direct(boolean source);

    /** Notices of journal commits by other processes, not started; none for SQLite, where the poll watches. */
    CommitNotices notices() {
        return CommitNotices.NONE;
    }

    /**
     * This database without notices of other processes' commits: a server on it notices them by
     * polling alone (a seam for tests of the fallback).
     */
    public MetadataDatabase pollingOnly() {
        MetadataDatabase database = this;
        return new MetadataDatabase() {
            @Override
            MetadataStore open(int connections) {
                return database.open(connections);
            }

            @Override
            SqlDatabase direct(boolean source) {
                return database.direct(source);
            }

            @Override
            public String toString() {
                return database.toString();
            }
        };
    }

    /** The embedded default: one SQLite file. */
    public static MetadataDatabase sqlite(Path file) {
        return new MetadataDatabase() {
            @Override
            MetadataStore open(int connections) {
                return SqliteStores.open(file, connections);
            }

            @Override
            SqlDatabase direct(boolean source) {
                return SqlDatabase.sqlite(file, source);
            }

            @Override
            public String toString() {
                return file.toAbsolutePath().normalize().toString();
            }
        };
    }

    /** A PostgreSQL database; a null password means the pgpass file's (or none). */
    public static MetadataDatabase postgres(PostgresUrl url, String password) {
        return new MetadataDatabase() {
            @Override
            MetadataStore open(int connections) {
                return PostgresStores.open(url, password, connections);
            }

            @Override
            SqlDatabase direct(boolean source) {
                return SqlDatabase.postgres(url, password, source);
            }

            @Override
            CommitNotices notices() {
                return PostgresStores.listener(url, password);
            }

            @Override
            public String toString() {
                return url.toString();
            }
        };
    }
}
