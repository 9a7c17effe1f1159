package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One plain connection to a metadata database, migrated to the current schema, for copying an
 * index table by table ({@code migrate}) rather than through the use cases. A source's connection
 * only reads (each query its own snapshot); a target's writes in transactions the caller commits.
 * Its description (the file, or the URL) never holds a password.
 */
public final class SqlDatabase implements AutoCloseable {
    private final Connection conn;
    private final Dialect dialect;
    private final String description;

    private SqlDatabase(Connection conn, Dialect dialect, String description) {
        this.conn = conn;
        this.dialect = dialect;
        this.description = description;
    }

    /** The SQLite file (created and migrated if new); {@code source}: read only. */
    public static SqlDatabase sqlite(Path file, boolean source) {
        SqliteStores.open(file, 1).close();
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            Connection conn = SqliteStores.dataSource(url).getConnection();
            try (Statement s = conn.createStatement()) {
                if (source) {
                    s.execute("PRAGMA query_only = true");
                }
            }
            conn.setAutoCommit(source);
            return new SqlDatabase(conn, new SqliteDialect(), file.toAbsolutePath().normalize().toString());
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file, e);
        }
    }

    /** The PostgreSQL database (migrated); a null password means the pgpass file's; {@code source}: read only. */
    public static SqlDatabase postgres(PostgresUrl url, String password, boolean source) {
        PostgresStores.open(url, password, 1).close();
        try {
            Connection conn = PostgresStores.dataSource(url.jdbcUrl(), url.user(), password).getConnection();
            conn.setReadOnly(source);
            conn.setAutoCommit(source);
            return new SqlDatabase(conn, new PostgresDialect(), url.toString());
        } catch (SQLException e) {
            throw new StoreException("cannot connect to " + url, e);
        }
    }

    Connection connection() {
        return conn;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The rows in {@code table} (one of {@link CopiedTables#names}). */
    public long count(String table) {
        return single("SELECT COUNT(*) FROM " + known(table));
    }

    /** The largest id in {@code table} (one of {@link CopiedTables#pagedNames}), 0 when empty; the journal's is the last serial. */
    public long maxId(String table) {
        return single("SELECT COALESCE(MAX(id), 0) FROM " + known(table));
    }

    /** How many blobs the file rows name: each file's, and its METADATA's when it has one. */
    public long blobCount() {
        return single("SELECT COUNT(*) + COUNT(metadata_sha256) FROM files");
    }

    /** The bytes of every file row's distribution file (their METADATA not counted). */
    public long fileBytes() {
        return single("SELECT COALESCE(SUM(size), 0) FROM files");
    }

    /** Whether no table of the index holds a row (the proxy's cache included: a target that served is not new). */
    public boolean isEmpty() {
        for (String table : Stream.concat(CopiedTables.names().stream(), CopiedTables.NOT_COPIED.stream()).toList()) {
            if (single("SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " LIMIT 1) AS t") > 0) {
                return false;
            }
        }
        return true;
    }

    /** A file row's blobs: where they are and what their digests must be. */
    public record StoredFile(long id, String filename, String path, long size, String sha256, String blake2b256,
            String metadataSha256, String metadataBlake2b256) {
        public String metadataPath() {
            return path + ".metadata";
        }
    }

    /** Up to {@code limit} file rows with ids above {@code afterId}, in id order. */
    public List<StoredFile> filesAfter(long afterId, int limit) {
        String sql = "SELECT id, filename, path, size, sha256_digest, blake2_256_digest, metadata_sha256,"
                + " metadata_blake2_256 FROM files WHERE id > ? ORDER BY id LIMIT ?";
        List<StoredFile> files = new ArrayList<>();
        try (PreparedStatement select = conn.prepareStatement(sql)) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    files.add(new StoredFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            endRead();
            return files;
        } catch (SQLException e) {
            throw new StoreException("SQL failed: " + sql, e);
        }
    }

    /**
     * Empties the tables that are not copied ({@link CopiedTables#NOT_COPIED}: the proxy's cache
     * and the browser sessions) and commits: a backup keeps no cache, whose blobs it does not
     * take, and no session, so a restored index asks its users to log in again. Answers the rows
     * deleted.
     */
    public long forgetNotCopied() {
        long rows = 0;
        try (Statement s = conn.createStatement()) {
            for (String table : CopiedTables.NOT_COPIED) {
                rows += s.executeUpdate("DELETE FROM " + table);
            }
            endRead();
        } catch (SQLException e) {
            throw new StoreException("cannot empty the upstream cache and the sessions of " + description, e);
        }
        return rows;
    }

    /**
     * After explicit ids were written to every table, moves each table's id generator past its
     * largest id (PostgreSQL's identity sequences; nothing on SQLite), and commits.
     */
    public void moveIdsPast() {
        try {
            for (String table : CopiedTables.pagedNames()) {
                dialect.moveIdsPast(conn, table);
            }
            conn.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot move the id sequences", e);
        }
    }

    /**
     * Fills the search index from the copied rows ({@code migrate} copies no search row: SQLite's
     * full text is a virtual table, PostgreSQL's a generated column), in one transaction.
     */
    public void rebuildSearch() {
        try (Statement s = conn.createStatement()) {
            for (String statement : dialect.fullText().rebuild()) {
                s.execute(statement);
            }
            conn.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot rebuild the search index", e);
        }
    }

    long single(String sql) {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long value = rs.getLong(1);
            endRead();
            return value;
        } catch (SQLException e) {
            throw new StoreException("SQL failed: " + sql, e);
        }
    }

    /** On a writing connection a read opened a transaction: end it, so that no snapshot is held. */
    private void endRead() throws SQLException {
        if (!conn.getAutoCommit()) {
            conn.commit();
        }
    }

    private static String known(String table) {
        if (!CopiedTables.names().contains(table)) {
            throw new IllegalArgumentException("not a table of the index: " + table);
        }
        return table;
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + description, e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
