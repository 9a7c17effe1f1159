package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} copies every table and every column there is: {@link CopiedTables} names exactly
 * the tables and columns of the migrated schema, on both dialects. A migration that adds a table
 * or a column fails here until the copy knows it (or names it as not copied, {@link CopiedTables#NOT_COPIED}).
 */
class CopiedTablesTest {
    @TempDir
    Path tmp;

    @Test
    void sqlite() throws Exception {
        try (SqlDatabase db = SqlDatabase.sqlite(tmp.resolve("cheeseshop.db"), true)) {
            assertThat(schema(db.connection())).isEqualTo(declared());
        }
    }

    @Test
    void postgres() throws Exception {
        Postgres.Database database = Postgres.newDatabase();
        try (SqlDatabase db = SqlDatabase.postgres(database.url(), database.password(), true)) {
            assertThat(schema(db.connection())).isEqualTo(declared());
        }
    }

    @Test
    void theTablesNotCopiedAreTablesOfBothSchemas() throws Exception {
        Postgres.Database database = Postgres.newDatabase();
        try (SqlDatabase sqlite = SqlDatabase.sqlite(tmp.resolve("cheeseshop.db"), true);
                SqlDatabase postgres = SqlDatabase.postgres(database.url(), database.password(), true)) {
            assertThat(allTables(sqlite.connection())).containsAll(CopiedTables.NOT_COPIED);
            assertThat(allTables(postgres.connection())).containsAll(CopiedTables.NOT_COPIED);
            assertThat(allTables(sqlite.connection())).containsAll(CopiedTables.DERIVED);
            assertThat(allTables(postgres.connection())).containsAll(CopiedTables.DERIVED);
        }
    }

    private static List<String> allTables(Connection conn) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static TreeMap<String, List<String>> declared() {
        TreeMap<String, List<String>> tables = new TreeMap<>();
        for (CopiedTables.Table table : CopiedTables.TABLES) {
            tables.put(table.name(), table.columns().stream().map(CopiedTables.Column::name).sorted().toList());
            if (table.child() != null) {
                tables.put(table.child().name(), table.child().columns().stream().map(CopiedTables.Column::name)
                        .sorted().toList());
            }
        }
        return tables;
    }

    /** Every table but Flyway's, with its columns. */
    private static TreeMap<String, List<String>> schema(Connection conn) throws Exception {
        TreeMap<String, List<String>> tables = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || schema.equals("public")) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String name : names) {
            if (Stream.concat(Stream.of("flyway_schema_history", "sqlite_sequence"), CopiedTables.NOT_COPIED.stream())
                    .anyMatch(name::equals) || CopiedTables.derived(name)) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = conn.getMetaData().getColumns(null, null, name, "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema == null || schema.equals("public")) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            tables.put(name, columns.stream().sorted().toList());
        }
        return tables;
    }
}
