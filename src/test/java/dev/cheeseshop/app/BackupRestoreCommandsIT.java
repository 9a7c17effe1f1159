package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.RawUpload;
import dev.cheeseshop.testing.Seed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} and {@code restore} from the packaged jar over a stopped index of three wheels:
 * the periodic progress lines when standard error is no terminal, a blob missing from the
 * source, and the refusals (a target that is not empty, an index on PostgreSQL or S3), each one
 * {@code error:} line with exit status 1.
 */
class BackupRestoreCommandsIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String SIZE = "[0-9.]+ (B|KiB)";

    @TempDir
    Path tmp;

    private Path data;
    private List<Path> wheels;

    /** Three wheels uploaded to a server on {@code data}, then stopped. */
    private void index() throws Exception {
        data = tmp.resolve("data");
        Path dir = Files.createDirectories(tmp.resolve("wheels"));
        wheels = List.of(TestArchives.wheel("alpha", "1.0").writeTo(dir),
                TestArchives.wheel("beta", "2.0").writeTo(dir), TestArchives.wheel("gamma", "3.0").writeTo(dir));
        try (Application app = Application.forServer(new Settings(data, "127.0.0.1", 0, 1 << 20))) {
            app.accounts().create("ivy", null, PASSWORD, false);
            app.start();
            String[][] names = {{"alpha", "1.0"}, {"beta", "2.0"}, {"gamma", "3.0"}};
            for (int i = 0; i < 3; i++) {
                assertThat(RawUpload.wheel(app.uri().toString(), "ivy", PASSWORD, wheels.get(i), names[i][0],
                        names[i][1]).status()).isEqualTo(200);
            }
        }
    }

    /** The command on the embedded default, whatever backend the run's environment names. */
    private static Processes.Command embedded(Processes.Command command) {
        return command.env("CHEESESHOP_DATABASE", "").env("CHEESESHOP_BLOBS", "").env("CHEESESHOP_S3_ENDPOINT", "");
    }

    private static String key(Path wheel) throws IOException {
        return Seed.digests(Files.readAllBytes(wheel)).storagePath(wheel.getFileName().toString());
    }

    @Test
    void withoutATerminalProgressIsPlainLinesOnStandardError() throws Exception {
        Backend.assumeSqliteFiles("backs up the embedded default");
        index();
        Path backup = tmp.resolve("backup");

        Processes.Result result = Processes.cheeseshop("backup", "--data", data.toString(), "--to", backup.toString(),
                "--progress-interval", "0").run();

        assertThat(result.exitCode()).as(result.describe()).isZero();
        List<String> lines = result.stderr().lines().toList();
        assertThat(lines).as(result.describe()).hasSizeGreaterThanOrEqualTo(6);
        int files = lines.size() - 4;
        assertThat(lines.subList(0, files - 1)).as(result.describe()).allMatch(line -> line.matches(
                "backup: database \\d+/\\d+ pages \\(\\d+%\\), " + SIZE + " of " + SIZE + "(, .*)?"));
        assertThat(lines.get(files - 2)).as(result.describe()).containsPattern("database (\\d+)/\\1 pages \\(100%\\)");
        assertThat(lines.subList(files - 1, lines.size())).as(result.describe()).satisfiesExactly(
                line -> assertThat(line).matches("backup: database done: \\d+ pages, " + SIZE + " in \\d+s(, .*)?"),
                line -> assertThat(line).matches("backup: files 1/3 files \\(\\d+%\\), " + SIZE + " of " + SIZE + ".*"),
                line -> assertThat(line).matches("backup: files 2/3 files \\(\\d+%\\), " + SIZE + " of " + SIZE + ".*"),
                line -> assertThat(line).matches("backup: files 3/3 files \\(100%\\), " + SIZE + " of " + SIZE + ".*"),
                line -> assertThat(line).matches("backup: files done: 3 files, " + SIZE + " in \\d+s(, .*)?"));
        assertThat(result.stdout()).isEqualTo("backed up " + data + " into " + backup
                + ": last serial 12, 3 files, 6 blobs (6 linked, 0 copied), 0 missing\n");
        for (Path wheel : wheels) {
            assertThat(backup.resolve("packages").resolve(key(wheel))).hasSameBinaryContentAs(wheel);
        }
    }

    @Test
    void aBlobMissingFromTheIndexIsReportedWithExitStatusTwoAndTheRestoreSaysSoToo() throws Exception {
        Backend.assumeSqliteFiles("deletes a blob as a file under packages/");
        index();
        String missing = key(wheels.get(1));
        Files.delete(data.resolve("packages").resolve(missing));
        Path backup = tmp.resolve("backup");

        Processes.Result result = Processes.cheeseshop("backup", "--data", data.toString(), "--to", backup.toString())
                .run();

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stdout().lines()).containsExactly("missing: beta-2.0-py3-none-any.whl (" + missing + ")",
                "backed up " + data + " into " + backup + ": last serial 12, 3 files, 5 blobs (5 linked, 0 copied),"
                        + " 1 missing");
        assertThat(result.stderr()).as(result.describe()).isEmpty();

        Path restored = tmp.resolve("restored");
        Processes.Result restore = Processes.cheeseshop("restore", "--from", backup.toString(), "--data",
                restored.toString()).run();

        assertThat(restore.exitCode()).as(restore.describe()).isEqualTo(2);
        assertThat(restore.stdout().lines()).containsExactly("missing: beta-2.0-py3-none-any.whl (" + missing + ")",
                "restored " + backup + " into " + restored + ": last serial 12, 3 files, 5 blobs (5 linked, 0 copied),"
                        + " 1 missing");
        assertThat(restored.resolve("packages").resolve(key(wheels.get(0)))).hasSameBinaryContentAs(wheels.get(0));
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedAndLeftAlone() throws Exception {
        Backend.assumeSqliteFiles("backs up the embedded default");
        index();
        Path occupied = Files.createDirectories(tmp.resolve("occupied"));
        Files.writeString(occupied.resolve("keep.txt"), "mine");

        Processes.Result backup = Processes.cheeseshop("backup", "--data", data.toString(), "--to",
                occupied.toString()).run();
        Processes.Result restore = Processes.cheeseshop("restore", "--from", data.toString(), "--data",
                occupied.toString()).run();

        assertThat(backup.exitCode()).as(backup.describe()).isEqualTo(1);
        assertThat(backup.stderr().lines()).containsExactly(
                "error: " + occupied + " is not empty: a backup goes into a new, empty directory");
        assertThat(restore.exitCode()).as(restore.describe()).isEqualTo(1);
        assertThat(restore.stderr().lines()).containsExactly(
                "error: " + occupied + " is not empty: a restore goes into a new, empty data directory");
        try (var entries = Files.list(occupied)) {
            assertThat(entries.toList()).containsExactly(occupied.resolve("keep.txt"));
        }
    }

    @Test
    void aDirectoryWithoutAnIndexIsRefused() {
        Path empty = tmp.resolve("empty");

        Processes.Result restore = embedded(Processes.cheeseshop("restore", "--from", empty.toString(), "--data",
                tmp.resolve("target").toString())).run();

        assertThat(restore.exitCode()).as(restore.describe()).isEqualTo(1);
        assertThat(restore.stderr().lines()).containsExactly("error: the backup " + empty
                + " holds no index (no cheeseshop.db)");
        assertThat(tmp.resolve("target")).doesNotExist();
    }

    @Test
    void anIndexOnPostgresqlOrS3IsRefusedWithWhatToUseInstead() {
        Processes.Result database = Processes.cheeseshop("backup", "--data", tmp.resolve("d").toString(), "--to",
                tmp.resolve("b").toString(), "--database", "postgresql://cheeseshop@db.example.org/cheeseshop").run();
        Processes.Result bucket = Processes.cheeseshop("restore", "--from", tmp.resolve("b").toString(), "--data",
                tmp.resolve("d").toString(), "--blobs", "s3://bucket/prefix").run();

        assertThat(database.exitCode()).as(database.describe()).isEqualTo(1);
        assertThat(database.stderr().lines()).singleElement().asString().startsWith("error: backup works on the"
                + " embedded default").contains("pg_dump", "bucket versioning", "docs/deployment.md");
        assertThat(bucket.exitCode()).as(bucket.describe()).isEqualTo(1);
        assertThat(bucket.stderr().lines()).singleElement().asString().startsWith("error: restore works on the"
                + " embedded default").contains("pg_restore", "docs/deployment.md");
        assertThat(tmp.resolve("b")).doesNotExist();
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void onTheBackendsOwnDatabaseAndBucketTheBackupRefuses() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Backend.selected() != Backend.SQLITE_FILES,
                "only where the environment names PostgreSQL and a bucket");

        Processes.Result result = Processes.cheeseshop("backup", "--data", tmp.resolve("d").toString(), "--to",
                tmp.resolve("b").toString()).run();

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().lines()).singleElement().asString().contains("pg_dump", "docs/deployment.md");
    }

    @Test
    void aBadProgressModeIsOneErrorLine() {
        Processes.Result result = embedded(Processes.cheeseshop("backup", "--data", tmp.resolve("d").toString(),
                "--to", tmp.resolve("b").toString(), "--progress", "sparkles")).run();

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().lines()).containsExactly(
                "error: invalid --progress 'sparkles': use auto, bar, lines or none");
    }
}
