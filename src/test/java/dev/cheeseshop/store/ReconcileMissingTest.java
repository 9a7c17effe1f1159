package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.DistInspector;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.store.Reconciler.Missing;
import dev.cheeseshop.testing.HookedBlobStore;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import dev.cheeseshop.upload.Staging;
import dev.cheeseshop.upload.WheelMetadataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File rows whose blobs are missing, against a real server: real uploads, real SQLite, real
 * files ({@code S3ReconcileMissingTest} runs the same on s3proxy). A missing METADATA is written
 * again exactly as uploaded when its wheel gives the bytes whose digests are on record; anything
 * else missing is reported and nothing is written for it.
 */
class ReconcileMissingTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private TestServer server;
    private HookedBlobStore blobs;
    private Path staging;
    private Path wheel;
    private String wheelPath;
    private String sdistName;
    private String sdistPath;
    private Path other;
    private String otherPath;

    /** The blob store under test, given the server's own (files here; S3 in {@code S3ReconcileMissingTest}). */
    BlobStore blobStore(BlobStore local, Clock clock) throws IOException {
        return local;
    }

    @BeforeEach
    void setUp() throws IOException {
        server = TestServer.start(settings -> settings.withReconcileEvery(Duration.ZERO), clock, local -> {
            try {
                return blobs = new HookedBlobStore(blobStore(local, clock));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        staging = tmp.resolve("staging");
        Path uploads = Files.createDirectories(tmp.resolve("uploads"));
        wheel = TestArchives.wheel("mend-pkg", "1.0").writeTo(uploads);
        Path sdist = TestArchives.sdist("mend-pkg", "1.0").writeTo(uploads);
        other = TestArchives.wheel("other-pkg", "2.0").writeTo(uploads);
        assertUploaded(Uploads.wheel(wheel, "mend-pkg", "1.0").to(server));
        assertUploaded(Uploads.sdist(sdist, "mend-pkg", "1.0").to(server));
        assertUploaded(Uploads.wheel(other, "other-pkg", "2.0").to(server));
        wheelPath = pathOf(wheel);
        sdistName = sdist.getFileName().toString();
        sdistPath = pathOf(sdist);
        otherPath = pathOf(other);
        assertThat(snapshot()).containsOnlyKeys(wheelPath, wheelPath + ".metadata", sdistPath, otherPath,
                otherPath + ".metadata");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static void assertUploaded(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    private static String pathOf(Path file) throws IOException {
        return Seed.digests(Files.readAllBytes(file)).storagePath(file.getFileName().toString());
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private MetadataSource wheels() throws IOException {
        return new WheelMetadataSource(new Staging(staging, clock), new DistInspector());
    }

    private Reconciler.Report reconcile(boolean dryRun) throws IOException {
        return new Reconciler(server.app().store(), blobs, clock, Reconciler.DEFAULT_GRACE, wheels()).run(dryRun);
    }

    @Test
    void aMissingMetadataIsWrittenAgainExactlyFromItsWheel() throws Exception {
        blobs.delete(wheelPath + ".metadata");
        Map<String, String> before = snapshot();

        Reconciler.Report report = reconcile(false);

        Missing metadata = new Missing(name(wheel), wheelPath + ".metadata", null);
        assertThat(report.checked()).isEqualTo(3);
        assertThat(report.repairable()).containsExactly(metadata);
        assertThat(report.repaired()).containsExactly(metadata);
        assertThat(report.missing()).isEmpty();
        assertThat(report.intact()).isTrue();
        Http.Response served = Http.get(server.uri("/packages/" + wheelPath + ".metadata"));
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(metadataIn(wheel));
        Map<String, String> expected = new TreeMap<>(before);
        expected.put(wheelPath + ".metadata", Seed.sha256(metadataIn(wheel)));
        assertThat(snapshot()).as("that blob is back, and nothing else changed").isEqualTo(expected);
        assertThat(stagedFiles()).as("the staged copy of the wheel is gone").isEmpty();
        assertThat(reconcile(false).repairable()).as("nothing left to repair").isEmpty();
    }

    @Test
    void missingDistributionFilesAreReportedAndNothingIsWritten() throws Exception {
        blobs.delete(sdistPath);
        blobs.delete(otherPath);
        blobs.delete(otherPath + ".metadata");
        Map<String, String> before = snapshot();

        Reconciler.Report report = reconcile(false);

        assertThat(report.missing()).containsExactly(new Missing(sdistName, sdistPath, null),
                new Missing(name(other), otherPath, null),
                new Missing(name(other), otherPath + ".metadata", "its distribution file is missing too"));
        assertThat(report.repairable()).isEmpty();
        assertThat(report.repaired()).isEmpty();
        assertThat(report.intact()).isFalse();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aDryRunReportsWhatItWouldRepairAndWritesNothing() throws Exception {
        blobs.delete(wheelPath + ".metadata");
        blobs.delete(sdistPath);
        Map<String, String> before = snapshot();

        Reconciler.Report report = reconcile(true);

        assertThat(report.repairable()).containsExactly(new Missing(name(wheel), wheelPath + ".metadata", null));
        assertThat(report.repaired()).isEmpty();
        assertThat(report.missing()).containsExactly(new Missing(sdistName, sdistPath, null));
        assertThat(report.intact()).isFalse();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void aWheelWhoseMetadataDoesNotMatchTheDigestsOnRecordIsReportedAndNothingIsWritten() throws Exception {
        Path impostor = TestArchives.wheel("mend-pkg", "1.0")
                .metadata(TestArchives.metadata("mend-pkg", "1.0").replace("Test package", "Another package"))
                .writeTo(Files.createDirectories(tmp.resolve("impostor")));
        assertThat(name(impostor)).isEqualTo(name(wheel));
        blobs.put(wheelPath, impostor);
        blobs.delete(wheelPath + ".metadata");
        Map<String, String> before = snapshot();

        Reconciler.Report report = reconcile(false);

        assertThat(report.missing()).containsExactly(new Missing(name(wheel), wheelPath + ".metadata",
                "the METADATA in its distribution file does not match the digests on record"));
        assertThat(report.repaired()).isEmpty();
        assertThat(report.intact()).isFalse();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void aBlobThatIsNoWheelIsReportedAndNothingIsWritten() throws Exception {
        blobs.put(wheelPath, "not a zip at all".getBytes(StandardCharsets.UTF_8));
        blobs.delete(wheelPath + ".metadata");
        Map<String, String> before = snapshot();

        Reconciler.Report report = reconcile(false);

        assertThat(report.missing()).singleElement().satisfies(missing -> {
            assertThat(missing.key()).isEqualTo(wheelPath + ".metadata");
            assertThat(missing.reason()).startsWith("no METADATA can be read from its distribution file: ");
        });
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFileRemovedWhileItsBlobsAreLookedUpIsNoFinding() throws Exception {
        DistFile removed = server.app().store().read(tx -> tx.files().findByPath(otherPath)).orElseThrow();
        Reconciler remover = new Reconciler(server.app().store(), blobs, clock, Reconciler.DEFAULT_GRACE);
        boolean[] done = {false};
        blobs.beforeExists(key -> {
            if (key.equals(otherPath) && !done[0]) { // the row is read, its blobs not yet looked up
                done[0] = true;
                server.app().store().write(tx -> {
                    tx.files().delete(removed.id());
                    return null;
                });
                assertThat(remover.removeUnreferenced(List.of(otherPath, otherPath + ".metadata"))).hasSize(2);
            }
        });

        Reconciler.Report report = reconcile(false);

        assertThat(done[0]).isTrue();
        assertThat(report.checked()).isEqualTo(3);
        assertThat(report.missing()).isEmpty();
        assertThat(report.repaired()).isEmpty();
        assertThat(report.intact()).isTrue();
        assertThat(blobs.exists(otherPath + ".metadata")).as("never written again").isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void everyPageOfFileRowsIsChecked(int pageSize) throws Exception {
        blobs.delete(otherPath + ".metadata"); // the last row uploaded

        MissingBlobs.Findings findings = new MissingBlobs(server.app().store(), blobs, wheels(), pageSize).scan(false);

        assertThat(findings.checked()).isEqualTo(3);
        assertThat(findings.repaired()).containsExactly(new Missing(name(other), otherPath + ".metadata", null));
        assertThat(blobOf(otherPath + ".metadata")).isEqualTo(metadataIn(other));
    }

    /** The wheel's METADATA as java.util.zip reads it: the one .dist-info's METADATA member. */
    private static byte[] metadataIn(Path wheel) throws IOException {
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            var entry = zip.stream().filter(e -> e.getName().matches("[^/]+\\.dist-info/METADATA")).findFirst()
                    .orElseThrow();
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    private byte[] blobOf(String key) throws IOException {
        BlobStore.Blob blob = blobs.open(key).orElseThrow();
        try (InputStream in = blob.read(0, blob.size())) {
            return in.readAllBytes();
        }
    }

    /** Every blob's key and the SHA-256 of its bytes. */
    private Map<String, String> snapshot() throws IOException {
        List<String> keys = new ArrayList<>();
        blobs.list(blob -> keys.add(blob.key()));
        Map<String, String> snapshot = new TreeMap<>();
        for (String key : keys) {
            snapshot.put(key, Seed.sha256(blobOf(key)));
        }
        return snapshot;
    }

    private List<Path> stagedFiles() throws IOException {
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.toList();
        }
    }
}
