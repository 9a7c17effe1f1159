package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where the commands say the index is ({@code serve}'s start-up line, {@code user add}'s answer). */
class DataOptionTest {
    private static final Path DATA = Path.of("/srv/cheeseshop/data");

    @BeforeAll
    static void noEnvironment() {
        for (String name : new String[] {"CHEESESHOP_DATA", "CHEESESHOP_DATABASE", "CHEESESHOP_BLOBS",
            "CHEESESHOP_S3_ENDPOINT", "CHEESESHOP_S3_REGION", "CHEESESHOP_S3_PATH_STYLE"}) {
            assumeTrue(System.getenv(name) == null, "the environment sets " + name);
        }
    }

    private static String where(String... options) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(options);
        return serve.data.where();
    }

    @Test
    void theEmbeddedDefaultIsTheDataDirectory() {
        assertThat(where("--data", DATA.toString())).isEqualTo("data in /srv/cheeseshop/data");
        assertThat(where("--data", "/srv/cheeseshop/./x/../data/")).isEqualTo("data in /srv/cheeseshop/data");
    }

    @Test
    void aRelativeDataDirectoryIsNamedAbsolute() {
        assertThat(where("--data", "rel")).isEqualTo("data in " + Path.of("rel").toAbsolutePath());
    }

    @Test
    void postgresMetadataIsItsUrlAndTheFilesTheirFolder() {
        assertThat(where("--data", DATA.toString(), "--database", "postgresql://cheese@db.example.org/index"))
                .isEqualTo("metadata in postgresql://cheese@db.example.org:5432/index,"
                        + " files in /srv/cheeseshop/data/packages");
        assertThat(where("--data", DATA.toString(), "--database",
                "postgres://cheese@[::1]:6543/index?sslmode=verify-full"))
                .isEqualTo("metadata in postgresql://cheese@[::1]:6543/index?sslmode=verify-full,"
                        + " files in /srv/cheeseshop/data/packages");
    }

    @Test
    void filesInABucketWithTheMetadataInTheSqliteFile() {
        assertThat(where("--data", DATA.toString(), "--blobs", "s3://cheese-files/pypi"))
                .isEqualTo("metadata in /srv/cheeseshop/data/cheeseshop.db, files in s3://cheese-files/pypi/");
    }

    @Test
    void postgresAndABucketLeaveNothingSaidOfTheDataDirectory() {
        assertThat(where("--data", DATA.toString(), "--database", "postgresql://cheese@db.example.org:5433/index",
                "--blobs", "s3://cheese-files", "--s3-endpoint", "http://127.0.0.1:9000"))
                .isEqualTo("metadata in postgresql://cheese@db.example.org:5433/index,"
                        + " files in s3://cheese-files/ at http://127.0.0.1:9000");
    }
}
