package dev.cheeseshop.store.sql;

import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConnection;

/**
 * A consistent copy of a SQLite database file while other connections (a running server, in this
 * process or another) write to it: SQLite's online backup API, as sqlite-jdbc offers it
 * ({@code DB.backup}), run inside one read transaction on the source. In WAL mode a reader never
 * blocks writers and keeps its snapshot, so the copy is the database as of the moment that
 * transaction began, whatever commits meanwhile, and it goes in steps that report progress
 * (without the open transaction, a commit by another connection would restart the copy at every
 * step). Writers keep going; the WAL grows until the copy ends, since no checkpoint can pass the
 * snapshot. The copy is checked with {@code PRAGMA quick_check}.
 */
public final class SqliteBackup {
    /** Pages per step of the copy (4 MiB at the default page size). */
    private static final int PAGES_PER_STEP = 1024;
    private static final int BUSY_SLEEP_MS = 100;
    private static final int BUSY_TRIES = SqliteStores.BUSY_TIMEOUT_MS / BUSY_SLEEP_MS;
    private static final int SQLITE_OK = 0;
    private static final int SQLITE_DONE = 101;

    private SqliteBackup() {}

    /**
     * Copies the database in {@code source}, which must exist, into the new file {@code target}
     * (its folder must exist), reporting pages and bytes to a stage of {@code progress} named
     * {@code database}; answers the journal's last serial in the copy.
     */
    public static long copy(Path source, Path target, Progress progress) {
        if (!Files.isRegularFile(source)) {
            throw new StoreException("no database at " + source, null);
        }
        if (Files.exists(target)) {
            throw new StoreException("will not overwrite " + target, null);
        }
        try (Connection conn = SqliteStores.dataSource("jdbc:sqlite:" + source.toAbsolutePath()).getConnection()) {
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA query_only = true");
            }
            conn.setAutoCommit(false);
            // The first read opens the transaction whose snapshot the whole copy reads.
            single(conn, "SELECT COUNT(*) FROM sqlite_schema");
            long pageSize = single(conn, "PRAGMA page_size");
            long pages = single(conn, "PRAGMA page_count");
            try (Progress.Stage stage = progress.start("database", "pages", pages, pages * pageSize)) {
                long[] copied = {0};
                int rc = conn.unwrap(SQLiteConnection.class).getDatabase().backup("main",
                        target.toAbsolutePath().toString(), (remaining, pageCount) -> {
                            long done = pageCount - remaining;
                            stage.advance(done - copied[0], (done - copied[0]) * pageSize);
                            copied[0] = done;
                        }, BUSY_SLEEP_MS, BUSY_TRIES, PAGES_PER_STEP);
                if (rc != SQLITE_OK && rc != SQLITE_DONE) {
                    throw new StoreException("SQLite's backup of " + source + " failed with code " + rc, null);
                }
            } finally {
                conn.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot copy " + source + ": " + e.getMessage(), e);
        }
        return check(target);
    }

    /** The copy passes SQLite's quick check; answers its journal's last serial. */
    private static long check(Path copy) {
        try (Connection conn = SqliteStores.dataSource("jdbc:sqlite:" + copy.toAbsolutePath()).getConnection();
                Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String verdict = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new StoreException("the copy " + copy + " fails SQLite's quick check: " + verdict, null);
            }
            return single(conn, "SELECT COALESCE(MAX(id), 0) FROM journals");
        } catch (SQLException e) {
            throw new StoreException("cannot check the copy " + copy + ": " + e.getMessage(), e);
        }
    }

    private static long single(Connection conn, String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
