package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Postgres;
import dev.cheeseshop.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --database postgresql://...}, the packaged jar as processes: a server and the user
 * commands on one PostgreSQL database, and bad values refused in one line.
 */
class DatabaseOptionIT {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;

    /** A command on {@code database}, with the files in the data directory (on any backend). */
    private Processes.Command cheeseshop(Postgres.Database database, String... args) {
        Processes.Command command = Processes.cheeseshop(args).env("CHEESESHOP_BLOBS", "")
                .env("CHEESESHOP_S3_ENDPOINT", "");
        if (database.password() != null) {
            command.env("CHEESESHOP_DATABASE_PASSWORD", database.password());
        }
        return command;
    }

    @Test
    void aServerAndTheUserCommandsShareOnePostgresDatabase() {
        Postgres.Database database = Postgres.newDatabase();
        String url = database.url().toString();
        Path data = tmp.resolve("data");
        Processes.Result added = cheeseshop(database, "user", "add", "alice", "--password-stdin", "--data",
                data.toString(), "--database", url).stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
        // Where the metadata and the files are, never the password (the private cluster's is random).
        String where = "metadata in postgresql://" + database.user() + "@" + database.url().host() + ":"
                + database.url().port() + "/" + database.url().database() + ", files in "
                + data.toAbsolutePath().normalize().resolve("packages");
        assertThat(added.stdout()).isEqualTo("created user alice (" + where + ")\n");

        try (ServedJar server = ServedJar.start(cheeseshop(database, "serve", "--data", data.toString(), "--port",
                "0").env("CHEESESHOP_DATABASE", url))) {
            assertThat(server.readyLine).isEqualTo("Cheeseshop is serving " + server.url + " (" + where + ")");
            if (database.password() != null) {
                assertThat(added.output() + server.readyLine).doesNotContain(database.password());
            }
            assertThat(uploadStatusAs(server, "alice", PASSWORD)).as("alice's password is known").isNotEqualTo(403);
            assertThat(uploadStatusAs(server, "alice", "wrong password")).isEqualTo(403);
            Processes.Result listed = cheeseshop(database, "user", "list", "--data", data.toString(), "--database",
                    url).run();
            assertThat(listed.stdout().lines()).as(listed.describe()).anyMatch(line -> line.startsWith("alice\t"));
        }
        assertThat(data.resolve("cheeseshop.db")).as("no metadata in the data directory").doesNotExist();
    }

    @Test
    void theDefaultIsStillSqliteInTheDataDirectory() {
        Backend.assumeSqliteFiles("checks that the default backend writes the SQLite file");
        Path data = tmp.resolve("data");
        Processes.Result added = Processes.cheeseshop("user", "add", "bob", "--password-stdin", "--data",
                data.toString()).stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
        assertThat(Files.isRegularFile(data.resolve("cheeseshop.db"))).isTrue();
    }

    @Test
    void badValuesAreOneErrorLine() {
        String data = tmp.resolve("data").toString();
        assertRefused(Processes.cheeseshop("user", "list", "--data", data, "--database", "mysql://u@h/db").run(),
                "invalid --database: expected postgresql://USER@HOST[:PORT]/DB");
        assertRefused(Processes.cheeseshop("user", "list", "--data", data).env("CHEESESHOP_DATABASE",
                "postgresql://localhost/db").run(), "invalid --database: a user is required");
        Processes.Result withPassword = Processes.cheeseshop("serve", "--data", data, "--database",
                "postgresql://u:sekrit-value@localhost/db").run();
        assertRefused(withPassword, "a password in the URL is refused");
        assertThat(withPassword.output()).doesNotContain("sekrit-value");
        assertRefused(Processes.cheeseshop("user", "list", "--data", data, "--database",
                "postgresql://u@127.0.0.1:1/db").run(), "");
    }

    private static void assertRefused(Processes.Result result, String containing) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().lines()).as(result.describe()).hasSize(1);
        assertThat(result.stderr()).as(result.describe()).startsWith("error: ").contains(containing)
                .doesNotContain("Exception", "\tat ");
    }

    /** An empty upload: 403 means the credentials were refused, any other 4xx that they were accepted. */
    private static int uploadStatusAs(ServedJar server, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Http.send("POST", server.uri("/legacy/"), new byte[0], "Authorization", "Basic " + basic,
                "Content-Type", "multipart/form-data; boundary=x").status();
    }
}
