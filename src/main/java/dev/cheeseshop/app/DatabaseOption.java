package dev.cheeseshop.app;

import dev.cheeseshop.store.sql.PostgresUrl;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --database} option of every command that opens the index (a mixin of
 * {@link DataOption}): the metadata on PostgreSQL instead of the SQLite file in the data
 * directory. The password is never an option: it comes from {@code CHEESESHOP_DATABASE_PASSWORD},
 * else from the pgpass file ({@code PGPASSFILE}, else {@code ~/.pgpass}), as for psql.
 */
final class DatabaseOption {
    static final String PASSWORD_VARIABLE = "CHEESESHOP_DATABASE_PASSWORD";

    @Option(names = "--database", paramLabel = "URL", defaultValue = "${env:CHEESESHOP_DATABASE}",
            description = "Keep the metadata in PostgreSQL: postgresql://USER@HOST[:PORT]/DB[?sslmode=MODE];"
                    + " the password from env " + PASSWORD_VARIABLE + " or a pgpass file (env CHEESESHOP_DATABASE;"
                    + " default: SQLite in the data directory).")
    String database;

    /** The database chosen, given the data directory (where the default SQLite file is). */
    MetadataDatabase resolve(Path data) {
        if (database == null || database.isBlank()) {
            return MetadataDatabase.sqlite(data.resolve("cheeseshop.db"));
        }
        return postgres("--database", database, PASSWORD_VARIABLE);
    }

    /**
     * The PostgreSQL database {@code value} (of {@code option}) names, with the password from
     * {@code passwordVariable} (else the pgpass file's); a bad URL is the command's one error line.
     */
    static MetadataDatabase postgres(String option, String value, String passwordVariable) {
        PostgresUrl url;
        try {
            url = PostgresUrl.parse(value.strip());
        } catch (IllegalArgumentException e) {
            // Not the value itself: a mistyped URL may hold a password.
            throw new CommandFailure("invalid " + option + ": " + e.getMessage());
        }
        String password = System.getenv(passwordVariable);
        return MetadataDatabase.postgres(url, password == null || password.isEmpty() ? null : password);
    }
}
