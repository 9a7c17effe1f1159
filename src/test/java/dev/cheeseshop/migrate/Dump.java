package dev.cheeseshop.migrate;

import dev.cheeseshop.store.sql.CopiedTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of every table of an index as text, the same on both dialects (booleans as 0 and 1),
 * in a fixed order: two indexes with equal dumps hold the same rows with the same ids.
 */
final class Dump {
    private Dump() {}

    static List<String> of(Connection conn) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (String table : CopiedTables.names()) {
            try (Statement s = conn.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder(table);
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        String text = value instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(value);
                        line.append(" | ").append(meta.getColumnName(i).toLowerCase()).append('=').append(text);
                    }
                    lines.add(line.toString());
                }
            }
        }
        return lines;
    }

    /** Whether {@code table} exists (the migration marker, say). */
    static boolean hasTable(Connection conn, String table) throws SQLException {
        try (ResultSet rs = conn.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
