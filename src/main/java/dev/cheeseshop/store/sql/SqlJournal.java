package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.JournalStore;
import dev.cheeseshop.store.StoreException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

final class SqlJournal implements JournalStore {
    private final Jdbc jdbc;
    private boolean locked;
    /** The last serial this transaction appended; zero for none. */
    private long lastAppended;

    SqlJournal(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lock() {
        lockOnce();
    }

    @Override
    public Serial append(String name, String version, String action, Instant submitted, String submittedBy) {
        lockOnce();
        long id = jdbc.insert("INSERT INTO journals (name, version, action, submitted_date, submitted_by)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id", name, version, action, Micros.of(submitted), submittedBy);
        lastAppended = Math.max(lastAppended, id);
        return Serial.of(id);
    }

    /** Before the commit: tells the dialect of the journal rows written, if any. */
    void beforeCommit() {
        if (lastAppended == 0) {
            return;
        }
        try {
            jdbc.dialect().journalWritten(jdbc.connection(), lastAppended);
        } catch (SQLException e) {
            throw new StoreException("cannot announce the journal entries written", e);
        }
    }

    @Override
    public Optional<Serial> last() {
        return jdbc.one("SELECT id FROM journals ORDER BY id DESC LIMIT 1", rs -> Serial.of(rs.getLong(1)));
    }

    @Override
    public void since(Serial after, int limit, Consumer<JournalEntry> sink) {
        jdbc.each("SELECT id, name, version, action, submitted_date, submitted_by FROM journals"
                        + " WHERE id > ? ORDER BY id LIMIT ?",
                rs -> new JournalEntry(Serial.of(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        Micros.toInstant(rs.getLong(5)), rs.getString(6)),
                sink, after.value(), limit);
    }

    /** One project's page; its plan is checked in {@code JournalQueryPlanTest}. */
    static final String PROJECT_QUERY = "SELECT id, name, version, action, submitted_date, submitted_by FROM journals"
            + " WHERE replace(replace(lower(name), '_', '-'), '.', '-') = ? AND id > ? ORDER BY id LIMIT ?";

    @Override
    public void forProject(String normalizedName, Serial after, int limit, Consumer<JournalEntry> sink) {
        jdbc.each(PROJECT_QUERY, SqlJournal::entry, sink, normalizedName, after.value(), limit);
    }

    @Override
    public void newestForProject(String normalizedName, int limit, Consumer<JournalEntry> sink) {
        jdbc.each(NEWEST_PROJECT_QUERY, SqlJournal::entry, sink, normalizedName, limit);
    }

    static final String NEWEST_PROJECT_QUERY = "SELECT id, name, version, action, submitted_date, submitted_by"
            + " FROM journals WHERE replace(replace(lower(name), '_', '-'), '.', '-') = ? ORDER BY id DESC LIMIT ?";

    private static JournalEntry entry(java.sql.ResultSet rs) throws SQLException {
        return new JournalEntry(Serial.of(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                Micros.toInstant(rs.getLong(5)), rs.getString(6));
    }

    private void lockOnce() {
        if (locked) {
            return;
        }
        try {
            jdbc.dialect().lockJournal(jdbc.connection());
        } catch (SQLException e) {
            throw new StoreException("cannot take the journal lock", e);
        }
        locked = true;
    }
}
