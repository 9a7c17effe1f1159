package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.BulkLoad;
import dev.cheeseshop.store.StoreException;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads generated rows into a new, empty PostgreSQL metadata store with {@code COPY}: the schema
 * is migrated as usual, the secondary indexes of the loaded tables are dropped and created again
 * from their own definitions ({@code pg_indexes}) at the end, rows go in as {@code COPY ... FROM
 * STDIN} in PostgreSQL's text format, a batch per table at a time, with {@code synchronous_commit}
 * off, and the identity sequences are moved past the ids loaded. The same rows as
 * {@link SqliteBulkLoader} loads, with the same ids (releases and roles are numbered by the
 * database in the order they come, as SQLite numbers them).
 */
public final class PostgresBulkLoader implements BulkLoad {
    private static final int BATCH = 50_000;
    private static final List<String> LOADED_TABLES = List.of("users", "journals", "projects", "releases", "roles");

    private final Connection conn;
    private final CopyManager copy;
    private final List<String> indexes = new ArrayList<>();
    private final Rows users = new Rows("users (id, username, normalized_username, email, password_hash, is_admin,"
            + " created)");
    private final Rows journal = new Rows("journals (id, name, version, action, submitted_date, submitted_by)");
    private final Rows projects = new Rows("projects (id, name, normalized_name, created, last_serial)");
    private final Rows releases = new Rows("releases (project_id, version, canonical_version, requires_python,"
            + " summary, metadata, yanked, yanked_reason, created)");
    private final Rows roles = new Rows("roles (project_id, user_id, role_name)");

    private PostgresBulkLoader(Connection conn) throws SQLException {
        this.conn = conn;
        this.copy = conn.unwrap(PGConnection.class).getCopyAPI();
    }

    /**
     * Opens a loader on the store's database (migrated by opening it), which must hold no user,
     * project or journal entry.
     */
    public static PostgresBulkLoader create(PostgresUrl url, String password) {
        try (SqlMetadataStore migrated = PostgresStores.open(url, password, 1)) {
            migrated.read(tx -> null);
        }
        try {
            Connection conn = PostgresStores.connect(url, password);
            try {
                conn.setAutoCommit(false);
                try (Statement s = conn.createStatement()) {
                    s.execute("SET synchronous_commit = off");
                }
                PostgresBulkLoader loader = new PostgresBulkLoader(conn);
                loader.requireEmpty();
                loader.dropSecondaryIndexes();
                return loader;
            } catch (SQLException | RuntimeException e) {
                conn.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open the database for loading: " + e.getSQLState(), e);
        }
    }

    private void requireEmpty() throws SQLException {
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM projects)"
                        + " + (SELECT COUNT(*) FROM journals)")) {
            rs.next();
            if (rs.getLong(1) != 0) {
                throw new StoreException("the database is not empty: bench-data fills a new one", null);
            }
        }
    }

    /** Every index of a loaded table that no constraint owns (the primary keys stay). */
    private void dropSecondaryIndexes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT i.indexname, i.indexdef FROM pg_indexes i"
                        + " WHERE i.schemaname = current_schema() AND i.tablename IN ('"
                        + String.join("', '", LOADED_TABLES) + "') AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                        + " WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)"
                        + " ORDER BY i.indexname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                indexes.add(rs.getString(2));
            }
        }
        try (Statement s = conn.createStatement()) {
            for (String name : names) {
                s.execute("DROP INDEX \"" + name + "\"");
            }
        }
        conn.commit();
    }

    @Override
    public void user(long id, String username, String passwordHash, long createdMicros) {
        users.add(id, username, SqlUsers.fold(username), null, passwordHash, false, createdMicros);
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
        releases.add(projectId, version, canonicalVersion, null, null, metadataJson, yanked, null, createdMicros);
    }

    @Override
    public void role(long projectId, long userId, String role) {
        roles.add(projectId, userId, role);
    }

    /** Copies what is buffered, builds the indexes (telling {@code progress}), moves the sequences and analyses. */
    @Override
    public void finish(Consumer<String> progress) {
        try {
            // Parents before children: the foreign keys are checked row by row.
            for (Rows rows : List.of(users, journal, projects, releases, roles)) {
                rows.flush();
            }
            conn.commit();
            try (Statement s = conn.createStatement()) {
                for (String index : indexes) {
                    progress.accept(index);
                    s.execute(index);
                    conn.commit();
                }
                progress.accept("the search index");
                for (String statement : PostgresFullText.INSTANCE.rebuild()) {
                    s.execute(statement);
                }
                conn.commit();
                for (String table : LOADED_TABLES) {
                    s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'),"
                            + " GREATEST((SELECT MAX(id) FROM " + table + "), 1))");
                }
                conn.commit();
                conn.setAutoCommit(true);
                progress.accept("VACUUM ANALYZE");
                s.execute("VACUUM ANALYZE");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot finish loading: " + e.getSQLState(), e);
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

    /** The rows of one table in COPY's text format, copied every {@link #BATCH} rows. */
    private final class Rows {
        private final String target;
        private final StringBuilder text = new StringBuilder(1 << 20);
        private int pending;

        Rows(String target) {
            this.target = target;
        }

        void add(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                Object v = values[i];
                if (v == null) {
                    text.append("\\N");
                } else if (v instanceof String s) {
                    escape(s);
                } else if (v instanceof Boolean b) {
                    text.append(b ? 't' : 'f');
                } else {
                    text.append(((Number) v).longValue());
                }
            }
            text.append('\n');
            if (++pending == BATCH) {
                // The parents of these rows may still be buffered: copy every table's rows, in order.
                flushAll();
            }
        }

        private void escape(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }

        void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            try {
                copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(text.toString()));
            } catch (IOException e) {
                throw new StoreException("cannot copy into " + target, e);
            }
            text.setLength(0);
            pending = 0;
        }
    }

    private void flushAll() {
        try {
            for (Rows rows : List.of(users, journal, projects, releases, roles)) {
                rows.flush();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot copy rows: " + e.getSQLState(), e);
        }
    }
}
