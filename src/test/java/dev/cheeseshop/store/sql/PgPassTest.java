package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no password given, the driver reads it from the pgpass file, as libpq does (the file named
 * by {@code PGPASSFILE}, else {@code ~/.pgpass}; here by the driver's system property, which it
 * reads first). The server asks for a password (SCRAM), so a wrong or missing line fails, and the
 * failure never shows the password.
 */
class PgPassTest {
    private static final String PROPERTY = "org.postgresql.pgpassfile";

    @TempDir
    Path dir;

    private Postgres.Database database;

    @BeforeEach
    void database() {
        database = Postgres.newDatabase();
        assumeThat(database.password()).as("the test server takes a password").isNotNull();
    }

    @AfterEach
    void forget() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void theStoreOpensWithThePasswordFromThePgpassFile() throws Exception {
        pgpass(database.url().host() + ":" + database.url().port() + ":" + database.url().database() + ":"
                + database.user() + ":" + database.password().replace(":", "\\:"));
        try (MetadataStore store = PostgresStores.open(database.url(), null, 1)) {
            store.write((Transaction tx) -> tx.users().insert("alice", null, "$hash", false, Instant.EPOCH));
            assertThat(store.read((Transaction tx) -> tx.users().find("alice"))).isPresent();
        }
    }

    @Test
    void aWrongPasswordInThePgpassFileIsRefusedWithoutShowingIt() throws Exception {
        String wrong = "wrong-" + database.password();
        pgpass("*:*:*:" + database.user() + ":" + wrong);
        assertThatThrownBy(() -> PostgresStores.open(database.url(), null, 1).close())
                .satisfies(e -> assertThat(messages(e)).contains("password authentication failed")
                        .doesNotContain(wrong).doesNotContain(database.password()));
    }

    private void pgpass(String line) throws Exception {
        Path file = dir.resolve("pgpass");
        Files.writeString(file, "# a comment\n" + line + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        System.setProperty(PROPERTY, file.toString());
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
