package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.BulkLoad;
import dev.cheeseshop.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads generated rows into a new SQLite metadata store fast: the schema is migrated as usual,
 * then one connection with the rollback journal and syncing off, batched prepared inserts,
 * foreign-key checks off, and the secondary indexes dropped during the load and created again
 * from their own definitions at the end. {@link #finish} puts the file back in WAL mode, as
 * {@link SqliteStores} expects it. A crash part-way leaves a broken file: load into a new
 * directory only.
 */
public final class SqliteBulkLoader implements BulkLoad {
    private static final int BATCH = 4096;
    private static final long COMMIT_EVERY = 1 << 20;
    private static final List<String> LOADED_TABLES = List.of("users", "journals", "projects", "releases", "roles");

    private final Connection conn;
    private final List<String> indexes = new ArrayList<>();
    private final Batch users;
    private final Batch journal;
    private final Batch projects;
    private final Batch releases;
    private final Batch roles;
    private long uncommitted;

    private SqliteBulkLoader(Connection conn) throws SQLException {
        this.conn = conn;
        users = new Batch("INSERT INTO users (id, username, normalized_username, email, password_hash, is_admin,"
                + " created) VALUES (?, ?, ?, NULL, ?, FALSE, ?)");
        journal = new Batch("INSERT INTO journals (id, name, version, action, submitted_date, submitted_by)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        projects = new Batch("INSERT INTO projects (id, name, normalized_name, created, last_serial)"
                + " VALUES (?, ?, ?, ?, ?)");
        releases = new Batch("INSERT INTO releases (project_id, version, canonical_version, requires_python, summary,"
                + " metadata, yanked, yanked_reason, created) VALUES (?, ?, ?, NULL, NULL, ?, ?, NULL, ?)");
        roles = new Batch("INSERT INTO roles (project_id, user_id, role_name) VALUES (?, ?, ?)");
    }

    /** Migrates a new database at {@code databaseFile} and opens it for loading. */
    public static SqliteBulkLoader create(Path databaseFile) {
        SqliteStores.open(databaseFile, 1).close();
        try {
            Connection conn = DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA locking_mode = EXCLUSIVE");
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA foreign_keys = OFF");
                s.execute("PRAGMA temp_store = MEMORY");
                s.execute("PRAGMA cache_size = -524288");
            }
            conn.setAutoCommit(false);
            SqliteBulkLoader loader = new SqliteBulkLoader(conn);
            loader.dropSecondaryIndexes();
            return loader;
        } catch (SQLException e) {
            throw new StoreException("cannot open " + databaseFile + " for loading", e);
        }
    }

    private void dropSecondaryIndexes() throws SQLException {
        String tables = String.join("', '", LOADED_TABLES);
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                        + " AND sql IS NOT NULL AND tbl_name IN ('" + tables + "') ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
                indexes.add(rs.getString(2));
            }
            for (String name : names) {
                s.execute("DROP INDEX \"" + name + "\"");
            }
        }
    }

    @Override
    public void user(long id, String username, String passwordHash, long createdMicros) {
        users.add(id, username, SqlUsers.fold(username), passwordHash, createdMicros);
    }

    @Override
    public void journal(long serial, String name, String version, String action, long submittedMicros,
            String submittedBy) {
        journal.add(serial, name, version, action, submittedMicros, submittedBy);
    }

    @Override
    public void project(long id, String name, String normalizedName, long createdMicros, long lastSerial) {
        projects.add(id, name, normalizedName, createdMicros, lastSerial);
    }

    @Override
    public void release(long projectId, String version, String canonicalVersion, String metadataJson,
            boolean yanked, long createdMicros) {
        releases.add(projectId, version, canonicalVersion, metadataJson, yanked, createdMicros);
    }

    @Override
    public void role(long projectId, long userId, String role) {
        roles.add(projectId, userId, role);
    }

    /** Writes what is batched, builds the indexes (telling {@code progress}), and returns the file to WAL mode. */
    @Override
    public void finish(Consumer<String> progress) {
        try {
            for (Batch batch : List.of(users, journal, projects, releases, roles)) {
                batch.flush();
            }
            conn.commit();
            try (Statement s = conn.createStatement()) {
                for (String index : indexes) {
                    progress.accept(index.replaceAll("\\s+", " "));
                    s.execute(index);
                    conn.commit();
                }
                progress.accept("the search index");
                for (String statement : SqliteFullText.INSTANCE.rebuild()) {
                    s.execute(statement);
                }
                conn.commit();
                conn.setAutoCommit(true);
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA locking_mode = NORMAL");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot finish loading", e);
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the loaded database", e);
        }
    }

    /** One prepared insert, executed every {@link #BATCH} rows. */
    private final class Batch {
        private final String sql;
        private final PreparedStatement statement;
        private int pending;

        Batch(String sql) throws SQLException {
            this.sql = sql;
            this.statement = conn.prepareStatement(sql);
        }

        void add(Object... values) {
            try {
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i];
                    if (v == null) {
                        statement.setNull(i + 1, Types.NULL);
                    } else if (v instanceof String s) {
                        statement.setString(i + 1, s);
                    } else if (v instanceof Boolean b) {
                        statement.setBoolean(i + 1, b);
                    } else {
                        statement.setLong(i + 1, ((Number) v).longValue());
                    }
                }
                statement.addBatch();
                if (++pending == BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw new StoreException("SQL failed: " + sql, e);
            }
        }

        void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            statement.executeBatch();
            uncommitted += pending;
            pending = 0;
            if (uncommitted >= COMMIT_EVERY) {
                conn.commit();
                uncommitted = 0;
            }
        }
    }
}
