package dev.cheeseshop.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema's version: Flyway migrates a database on open, and answers the newest migration this
 * build carries (in the jar, under {@code db/migration/<dialect>}); {@link #problem} then compares
 * it with what the database's history says now, for the readiness check: a database restored from
 * an old copy, or migrated further by a newer server, is not the one this server was built for.
 */
final class SchemaVersion {
    private SchemaVersion() {}

    /** Migrates the database and answers the newest version among this build's migrations. */
    static String migrate(DataSource dataSource, String dialect) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + dialect)
                .loggers("slf4j")
                .load();
        flyway.migrate();
        return Arrays.stream(flyway.info().all())
                .filter(migration -> migration.getState().isResolved() && migration.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion)
                .orElseThrow(() -> new IllegalStateException("no migrations for " + dialect + " in this build"));
    }

    /**
     * Empty when the newest successful migration in the database's history is {@code newest}; else
     * what differs. Reads Flyway's history table only.
     */
    static Optional<String> problem(Connection conn, String newest) throws SQLException {
        MigrationVersion applied = null;
        try (Statement statement = conn.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            while (rows.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                if (applied == null || version.compareTo(applied) > 0) {
                    applied = version;
                }
            }
        }
        MigrationVersion expected = MigrationVersion.fromVersion(newest);
        if (applied == null) {
            return Optional.of("the database has no schema (this server's is version " + newest + ")");
        }
        int order = applied.compareTo(expected);
        if (order < 0) {
            return Optional.of("the database's schema is version " + applied.getVersion()
                    + ", older than this server's " + newest + ": migrations are pending");
        }
        if (order > 0) {
            return Optional.of("the database's schema is version " + applied.getVersion()
                    + ", newer than this server's " + newest);
        }
        return Optional.empty();
    }
}
