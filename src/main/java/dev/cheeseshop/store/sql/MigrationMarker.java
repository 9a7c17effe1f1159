package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A migration's progress, kept in the target itself ({@value #TABLE}, a table of no schema
 * version: created by {@code migrate} before it writes anything, dropped when it has verified the
 * copy), so that an interrupted run can be resumed and a target that holds one is known to be
 * half-copied rather than in use. One row names the source and its last serial when the copy
 * began; one row per step ({@code blobs}, then each table) holds the last id copied, written in
 * the same transaction as the rows it counts. The DDL is in the portable subset of both dialects.
 */
public final class MigrationMarker {
    static final String TABLE = "cheeseshop_migration";
    private static final String SOURCE = "source";

    private final SqlDatabase target;
    private final String source;
    private final long sourceSerial;

    private MigrationMarker(SqlDatabase target, String source, long sourceSerial) {
        this.target = target;
        this.source = source;
        this.sourceSerial = sourceSerial;
    }

    /** The marker an interrupted migration left in {@code target}, if any. */
    public static Optional<MigrationMarker> find(SqlDatabase target) {
        Connection conn = target.connection();
        try {
            try (ResultSet tables = conn.getMetaData().getTables(null, null, TABLE, new String[] {"TABLE"})) {
                if (!tables.next()) {
                    conn.commit();
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = conn.prepareStatement("SELECT position, note FROM " + TABLE
                    + " WHERE step = ?")) {
                select.setString(1, SOURCE);
                try (ResultSet rs = select.executeQuery()) {
                    MigrationMarker marker = rs.next() ? new MigrationMarker(target, rs.getString(2), rs.getLong(1))
                            : new MigrationMarker(target, "", -1);
                    conn.commit();
                    return Optional.of(marker);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the migration marker", e);
        }
    }

    /** Creates the marker of a migration from {@code source}, whose last serial is {@code sourceSerial}, and commits. */
    public static MigrationMarker create(SqlDatabase target, String source, long sourceSerial) {
        Connection conn = target.connection();
        try {
            try (Statement s = conn.createStatement()) {
                s.execute("CREATE TABLE " + TABLE + " (step TEXT PRIMARY KEY, position BIGINT NOT NULL, note TEXT)");
            }
            try (PreparedStatement insert = conn.prepareStatement("INSERT INTO " + TABLE
                    + " (step, position, note) VALUES (?, ?, ?)")) {
                insert.setString(1, SOURCE);
                insert.setLong(2, sourceSerial);
                insert.setString(3, source);
                insert.execute();
            }
            conn.commit();
            return new MigrationMarker(target, source, sourceSerial);
        } catch (SQLException e) {
            throw new StoreException("cannot create the migration marker", e);
        }
    }

    /** The source the migration copies from, as described when it began. */
    public String source() {
        return source;
    }

    /** The source's last serial when the migration began. */
    public long sourceSerial() {
        return sourceSerial;
    }

    /** The last id copied in {@code step}, 0 when it has not begun. */
    public long position(String step) {
        Connection conn = target.connection();
        try (PreparedStatement select = conn.prepareStatement("SELECT position FROM " + TABLE + " WHERE step = ?")) {
            select.setString(1, step);
            try (ResultSet rs = select.executeQuery()) {
                long position = rs.next() ? rs.getLong(1) : 0;
                conn.commit();
                return position;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the migration marker", e);
        }
    }

    /** Records {@code position} for {@code step} in the target's open transaction (the caller commits). */
    void advance(String step, long position) throws SQLException {
        Connection conn = target.connection();
        try (PreparedStatement update = conn.prepareStatement("UPDATE " + TABLE + " SET position = ? WHERE step = ?")) {
            update.setLong(1, position);
            update.setString(2, step);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = conn.prepareStatement("INSERT INTO " + TABLE
                + " (step, position) VALUES (?, ?)")) {
            insert.setString(1, step);
            insert.setLong(2, position);
            insert.execute();
        }
    }

    /** Records {@code position} for {@code step} and commits. */
    public void advanceTo(String step, long position) {
        try {
            advance(step, position);
            target.connection().commit();
        } catch (SQLException e) {
            throw new StoreException("cannot write the migration marker", e);
        }
    }

    /** Drops the marker: the copy is complete and verified. */
    public void remove() {
        Connection conn = target.connection();
        try (Statement s = conn.createStatement()) {
            s.execute("DROP TABLE " + TABLE);
            conn.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot drop the migration marker", e);
        }
    }
}
