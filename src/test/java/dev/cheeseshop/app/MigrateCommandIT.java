package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Postgres;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.S3Proxy;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cheeseshop migrate} from the packaged jar: a data directory into PostgreSQL and a bucket,
 * with the passwords and credentials from the environment; run again, the target is refused in one
 * line; bad input is one line too.
 */
class MigrateCommandIT {
    /**
     * The command's source here is the embedded default in a data directory, and its targets are
     * named explicitly; on the postgres-s3 run, the commands would read that backend's environment
     * instead, so the class has nothing to add there.
     */
    @BeforeAll
    static void onlyOnTheEmbeddedDefault() {
        Backend.assumeSqliteFiles("migrate's source is the embedded default in a data directory");
    }

    @TempDir
    Path tmp;

    @Test
    void copiesADataDirectoryIntoPostgresAndABucketAndThenRefusesIt() throws Exception {
        Postgres.Database database = Postgres.newDatabase();
        try (TestServer source = TestServer.start();
                S3Proxy s3 = S3Proxy.start(Files.createDirectories(tmp.resolve("s3")))) {
            Path wheel = TestArchives.wheel("moved-pkg", "1.0").writeTo(Files.createDirectories(tmp.resolve("w")));
            assertThat(Uploads.wheel(wheel, "moved-pkg", "1.0").to(source).status()).isEqualTo(200);
            String bucket = s3.createBucket();
            Processes.Command migrate = migrate(database, s3, "--from-data", source.data().toString(),
                    "--to-database", database.url().toString(), "--to-blobs", "s3://" + bucket + "/pypi");

            Processes.Result done = migrate.run();
            assertThat(done.exitCode()).as(done.describe()).isZero();
            assertThat(done.stdout().lines()).as(done.describe()).contains(
                    "blobs: 2 copied, each verified by its digests", "users: 2 rows copied",
                    "journals: 4 rows copied", "done: the target is a complete copy of the source");
            assertThat(done.output()).doesNotContain(S3Proxy.SECRET_KEY);
            if (database.password() != null) {
                assertThat(done.output()).doesNotContain(database.password());
            }

            Processes.Result refused = migrate(database, s3, "--from-data", source.data().toString(),
                    "--to-database", database.url().toString(), "--to-blobs", "s3://" + bucket + "/pypi").run();
            assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
            assertThat(refused.stderr().lines()).as(refused.describe()).containsExactly("error: the target database "
                    + database.url() + " is not empty: migrate writes only into a new, empty index");
        }
    }

    @Test
    void badInputIsOneErrorLine() {
        Path missing = tmp.resolve("nothing-here");
        assertRefused(Processes.cheeseshop("migrate", "--from-data", missing.toString(), "--to-data",
                tmp.resolve("to").toString()).run(), "error: --from-data " + missing + " holds no index (no cheeseshop.db)");
        assertRefused(Processes.cheeseshop("migrate", "--from-data", missing.toString(), "--to-database",
                "postgresql://u@localhost/db").run(), "error: --to-data DIR is required unless both --to-database and"
                + " --to-blobs are given (--to-blobs is missing)");
        assertRefused(Processes.cheeseshop("migrate", "--from-data", missing.toString(), "--to-database",
                "postgresql://u:sekrit@localhost/db", "--to-blobs", "s3://bucket").run(),
                "error: invalid --to-database: a password in the URL is refused: give it in"
                        + " CHEESESHOP_DATABASE_PASSWORD or a pgpass file");
    }

    private static void assertRefused(Processes.Result result, String line) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().lines()).as(result.describe()).containsExactly(line);
    }

    private static Processes.Command migrate(Postgres.Database database, S3Proxy s3, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("migrate"));
        all.addAll(List.of(args));
        all.addAll(List.of("--s3-endpoint", s3.endpoint().toString()));
        Processes.Command command = Processes.cheeseshop(all.toArray(String[]::new)).withoutEnvPrefix("AWS_")
                .env("AWS_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY).env("AWS_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY)
                .env("AWS_EC2_METADATA_DISABLED", "true");
        if (database.password() != null) {
            command.env("CHEESESHOP_DATABASE_PASSWORD", database.password());
        }
        return command;
    }
}
