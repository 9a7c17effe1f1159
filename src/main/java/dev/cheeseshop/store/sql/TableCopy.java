package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.StoreException;
import dev.cheeseshop.store.sql.CopiedTables.Column;
import dev.cheeseshop.store.sql.CopiedTables.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Copies one table of the index from a source database to a target, rows with their ids as they
 * are, in pages of ids: each page (with its child rows) is read from the source and written to
 * the target in one transaction that also records the page's last id in the {@link MigrationMarker},
 * so an interrupted copy resumes after the last page committed and never writes a row twice.
 */
public final class TableCopy {
    /** Told after each page commits: the table and how many of its rows this run has copied. */
    @FunctionalInterface
    public interface PageListener {
        void committed(String table, long copied);
    }

    private final SqlDatabase source;
    private final SqlDatabase target;
    private final MigrationMarker marker;
    private final int pageSize;

    public TableCopy(SqlDatabase source, SqlDatabase target, MigrationMarker marker, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
        this.source = source;
        this.target = target;
        this.marker = marker;
        this.pageSize = pageSize;
    }

    /** Copies {@code tableName} from where the marker says it stopped; answers the rows copied by this call. */
    public long copy(String tableName, PageListener listener) {
        Table table = CopiedTables.table(tableName);
        long after = marker.position(tableName);
        long copied = 0;
        Connection to = target.connection();
        try (PreparedStatement read = source.connection().prepareStatement(select(table.name(), table.columns(),
                        "id > ?", "id") + " LIMIT ?");
                PreparedStatement write = to.prepareStatement(insert(table.name(), table.columns()))) {
            while (true) {
                read.setLong(1, after);
                read.setInt(2, pageSize);
                long last = after;
                int rows = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong("id");
                        bind(rs, write, table.columns());
                        rows++;
                    }
                }
                if (rows == 0) {
                    return copied;
                }
                write.executeBatch();
                if (table.child() != null) {
                    copyChildren(table.child(), after, last);
                }
                marker.advance(tableName, last);
                to.commit();
                copied += rows;
                after = last;
                listener.committed(tableName, copied);
            }
        } catch (SQLException e) {
            rollback(to, e);
            throw new StoreException("cannot copy " + tableName + " (ids after " + after + ")", e);
        } catch (RuntimeException e) {
            rollback(to, e);
            throw e;
        }
    }

    /** The child rows of the parents with ids in ({@code after}, {@code last}]. */
    private void copyChildren(CopiedTables.Child child, long after, long last) throws SQLException {
        String key = child.parentKey();
        try (PreparedStatement read = source.connection().prepareStatement(select(child.name(), child.columns(),
                        key + " > ? AND " + key + " <= ?", child.order()));
                PreparedStatement write = target.connection().prepareStatement(insert(child.name(), child.columns()))) {
            read.setLong(1, after);
            read.setLong(2, last);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    bind(rs, write, child.columns());
                }
            }
            write.executeBatch();
        }
    }

    private static void bind(ResultSet rs, PreparedStatement write, List<Column> columns) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            int index = i + 1;
            switch (column.type()) {
                case LONG -> {
                    long value = rs.getLong(index);
                    if (rs.wasNull()) {
                        write.setNull(index, Types.BIGINT);
                    } else {
                        write.setLong(index, value);
                    }
                }
                case TEXT -> write.setString(index, rs.getString(index));
                case BOOL -> {
                    boolean value = rs.getBoolean(index);
                    if (rs.wasNull()) {
                        write.setNull(index, Types.BOOLEAN);
                    } else {
                        write.setBoolean(index, value);
                    }
                }
            }
        }
        write.addBatch();
    }

    private static String select(String table, List<Column> columns, String where, String order) {
        return "SELECT " + names(columns) + " FROM " + table + " WHERE " + where + " ORDER BY " + order;
    }

    private static String insert(String table, List<Column> columns) {
        return "INSERT INTO " + table + " (" + names(columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private static void rollback(Connection conn, Exception cause) {
        try {
            conn.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
