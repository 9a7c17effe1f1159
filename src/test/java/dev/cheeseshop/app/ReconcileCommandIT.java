package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.CacheSeed;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.RawUpload;
import dev.cheeseshop.testing.Seed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cheeseshop reconcile} from the packaged jar over a data directory holding two uploaded
 * wheels (uploaded to a server in this JVM, then stopped): one line per finding, a summary, and
 * the exit status (0 all there or repaired, 2 blobs missing, 1 bad input).
 */
class ReconcileCommandIT {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;

    private Path data;
    private Path first;
    private Path second;

    @BeforeEach
    void upload() throws Exception {
        Backend.assumeSqliteFiles("deletes and reads blobs as files under packages/; reconcile on S3 is S3BlobsIT's,"
                + " S3ReconcilerTest's and S3ReconcileMissingTest's, which run on every backend");
        data = tmp.resolve("data");
        Path wheels = Files.createDirectories(tmp.resolve("wheels"));
        first = TestArchives.wheel("first-pkg", "1.0").writeTo(wheels);
        second = TestArchives.wheel("second-pkg", "2.0").writeTo(wheels);
        try (Application app = Application.forServer(new Settings(data, "127.0.0.1", 0, 1 << 20))) {
            app.accounts().create("ivy", null, PASSWORD, false);
            app.start();
            for (Path wheel : new Path[] {first, second}) {
                String name = wheel == first ? "first-pkg" : "second-pkg";
                String version = wheel == first ? "1.0" : "2.0";
                assertThat(RawUpload.wheel(app.uri().toString(), "ivy", PASSWORD, wheel, name, version).status())
                        .isEqualTo(200);
            }
        }
    }

    private Processes.Result reconcile(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "reconcile";
        args[1] = "--data";
        args[2] = data.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return Processes.cheeseshop(args).run();
    }

    private static String key(Path wheel) throws IOException {
        return Seed.digests(Files.readAllBytes(wheel)).storagePath(wheel.getFileName().toString());
    }

    private Path blob(String key) {
        return data.resolve("packages").resolve(key);
    }

    @Test
    void whenEveryBlobIsThereItPrintsTheSummaryAndExitsZero() {
        Processes.Result result = reconcile();

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).isEqualTo(
                "4 files examined, 0 orphans removed; 2 distributions checked, 0 files missing, 0 repaired\n");
        assertThat(result.stderr()).as(result.describe()).isEmpty();
    }

    @Test
    void aMissingMetadataIsReportedByADryRunAndWrittenAgainByARun() throws IOException {
        String metadata = key(first) + ".metadata";
        Files.delete(blob(metadata));

        Processes.Result dry = reconcile("--dry-run");

        assertThat(dry.exitCode()).as(dry.describe()).isEqualTo(2);
        assertThat(dry.stdout().lines()).containsExactly("repairable: " + first.getFileName() + " (" + metadata + ")",
                "3 files examined, 0 orphans found; 2 distributions checked, 0 files missing, 1 repairable");
        assertThat(blob(metadata)).doesNotExist();

        Processes.Result run = reconcile();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout().lines()).containsExactly("repaired: " + first.getFileName() + " (" + metadata + ")",
                "3 files examined, 0 orphans removed; 2 distributions checked, 0 files missing, 1 repaired");
        assertThat(Files.readAllBytes(blob(metadata))).isEqualTo(metadataIn(first));
        assertThat(data.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void aMissingWheelIsReportedWithExitStatusTwoAndNothingIsWritten() throws IOException {
        String wheel = key(second);
        Files.delete(blob(wheel));
        Files.delete(blob(wheel + ".metadata"));

        Processes.Result result = reconcile();

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stdout().lines()).containsExactly(
                "missing: " + second.getFileName() + " (" + wheel + ")",
                "missing: " + second.getFileName() + " (" + wheel + ".metadata): its distribution file is missing too",
                "2 files examined, 0 orphans removed; 2 distributions checked, 2 files missing, 0 repaired");
        assertThat(blob(wheel + ".metadata")).doesNotExist();
        assertThat(result.stderr()).as("no log lines, no secrets").isEmpty();
    }

    @Test
    void withoutATerminalAndAZeroIntervalItPrintsAProgressLineAtEveryStep() {
        Processes.Result result = reconcile("--progress-interval", "0");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        // Four blobs listed (two wheels and their METADATA; the total is not known in advance), then two rows.
        assertThat(result.stderr().lines()).as(result.describe()).satisfiesExactly(
                line -> assertThat(line).matches("reconcile: blobs 1 blobs, [0-9.]+ (B|KiB)(, .*)?"),
                line -> assertThat(line).matches("reconcile: blobs 2 blobs, [0-9.]+ (B|KiB)(, .*)?"),
                line -> assertThat(line).matches("reconcile: blobs 3 blobs, [0-9.]+ (B|KiB)(, .*)?"),
                line -> assertThat(line).matches("reconcile: blobs 4 blobs, [0-9.]+ (B|KiB)(, .*)?"),
                line -> assertThat(line).matches("reconcile: blobs done: 4 blobs, [0-9.]+ (B|KiB) in \\d+s(, .*)?"),
                line -> assertThat(line).matches("reconcile: files 1/2 files \\(50%\\)(, .*)?"),
                line -> assertThat(line).matches("reconcile: files 2/2 files \\(100%\\)(, .*)?"),
                line -> assertThat(line).matches("reconcile: files done: 2 files in \\d+s(, .*)?"));
        assertThat(result.stdout()).isEqualTo(
                "4 files examined, 0 orphans removed; 2 distributions checked, 0 files missing, 0 repaired\n");
    }

    @Test
    void aCachedUpstreamFileWhoseBlobIsMissingIsForgottenApartFromTheIndexAndExitsZero() throws Exception {
        String key;
        try (MetadataStore store = SqliteStores.open(data.resolve("cheeseshop.db"), 1)) {
            key = CacheSeed.cachedSdist(store, new FilesystemBlobStore(data.resolve("packages"), Clock.systemUTC()),
                    "requests", "public bytes", Instant.now());
        }
        Files.delete(blob(key));

        Processes.Result dry = reconcile("--dry-run");
        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(dry.stdout().lines()).containsExactly(
                "4 files examined, 0 orphans found; 2 distributions checked, 0 files missing, 0 repairable",
                "stale cache: requests-1.0.tar.gz (" + key + ")",
                "1 cached upstream files checked, 1 to forget (fetched again on their next download)");

        Processes.Result result = reconcile();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                "4 files examined, 0 orphans removed; 2 distributions checked, 0 files missing, 0 repaired",
                "forgotten: requests-1.0.tar.gz (" + key + ")",
                "1 cached upstream files checked, 1 forgotten (fetched again on their next download)");
        try (MetadataStore store = SqliteStores.open(data.resolve("cheeseshop.db"), 1)) {
            assertThat(store.read(tx -> tx.upstream().file("requests", "requests-1.0.tar.gz")).orElseThrow().key())
                    .isEmpty();
        }
        assertThat(reconcile().stdout()).isEqualTo(
                "4 files examined, 0 orphans removed; 2 distributions checked, 0 files missing, 0 repaired\n");
    }

    @Test
    void theHelpDocumentsTheExitStatus() {
        Processes.Result result = Processes.cheeseshop("reconcile", "--help").run();

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("Exit status:", "--dry-run").containsPattern("(?m)^\\s+2\\s+some distribution");
    }

    @Test
    void aNegativeGraceIsOneErrorLineAndExitStatusOne() {
        Processes.Result result = reconcile("--grace-minutes", "-1");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().lines()).containsExactly("error: --grace-minutes must not be negative");
        assertThat(result.stdout()).isEmpty();
    }

    /** The wheel's METADATA as java.util.zip reads it. */
    private static byte[] metadataIn(Path wheel) throws IOException {
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            var entry = zip.stream().filter(e -> e.getName().endsWith(".dist-info/METADATA")).findFirst().orElseThrow();
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
