package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.HookedBlobStore;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed file never loses its blob to the reconciler, whenever an upload of the same bytes
 * comes. An upload that crashed after writing its blobs left them two hours ago; now the same
 * wheel is uploaded again (same bytes, so the same content-addressed keys) while a reconciler
 * pass, on its own store over the same database and packages (as {@code cheeseshop reconcile}
 * runs beside a server), judges those blobs orphans. Hooks in both blob stores put the upload at
 * each dangerous point, with latches across the two threads, never sleeps; the clock is injected.
 * Afterwards the file and its METADATA download over HTTP.
 */
class ReconcileRaceTest {
    private static final String METADATA = TestArchives.metadata("racy", "1.0");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private HookedBlobStore served;
    private TestServer server;
    private MetadataStore reconcilerStore;
    private BlobStore reconcilerBlobStore;
    private HookedBlobStore reconcilerBlobs;
    private Path wheel;
    private String path;

    @BeforeEach
    void setUp() throws Exception {
        server = TestServer.start(settings -> settings.withReconcileEvery(Duration.ZERO), clock,
                blobs -> served = new HookedBlobStore(blobs));
        reconcilerStore = server.storage().openStore(1);
        reconcilerBlobs = new HookedBlobStore(reconcilerBlobStore = server.storage().openBlobs(clock));
        wheel = TestArchives.wheel("racy", "1.0").writeTo(tmp);
        byte[] bytes = Files.readAllBytes(wheel);
        path = Seed.digests(bytes).storagePath(wheel.getFileName().toString());
        reconcilerBlobs.put(path, bytes);
        reconcilerBlobs.put(path + ".metadata", METADATA.getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofHours(2));
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        reconcilerStore.close();
        if (reconcilerBlobStore instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        server.close();
    }

    private Reconciler reconciler() {
        return new Reconciler(reconcilerStore, reconcilerBlobs, clock, Reconciler.DEFAULT_GRACE);
    }

    private Http.Response upload() {
        return Uploads.wheel(wheel, "racy", "1.0").to(server);
    }

    @Test
    void anUploadCommittedBetweenTheListingAndTheReconcilersTransactionKeepsItsBlobs() throws Exception {
        Http.Response[] upload = new Http.Response[1];
        reconcilerBlobs.afterList(key -> upload[0] = upload());

        Reconciler.Report report = reconciler().run(false);

        assertThat(upload[0].status()).as(upload[0].text()).isEqualTo(200);
        assertThat(report.orphans()).containsExactlyInAnyOrder(path, path + ".metadata");
        assertThat(report.removed()).isEmpty();
        assertDownloads();
    }

    @Test
    void blobsWrittenAgainBeforeTheReconcilersTransactionAreNotDeleted() throws Exception {
        CountDownLatch listed = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch reconciled = new CountDownLatch(1);
        reconcilerBlobs.afterList(key -> {
            listed.countDown();
            await(written);
        });
        served.afterPut(key -> {
            if (key.equals(path + ".metadata")) { // the upload's last blob: both are written again
                written.countDown();
                await(reconciled); // and its commit waits until the pass is over
            }
        });

        Future<Reconciler.Report> pass = threads.submit(() -> reconciler().run(false));
        await(listed);
        Future<Http.Response> upload = threads.submit(this::upload);
        Reconciler.Report report = pass.get(1, TimeUnit.MINUTES);
        reconciled.countDown();

        assertThat(upload.get(1, TimeUnit.MINUTES).status()).isEqualTo(200);
        assertThat(report.orphans()).containsExactlyInAnyOrder(path, path + ".metadata");
        assertThat(report.removed()).as("the write time, checked inside the transaction, is new").isEmpty();
        assertDownloads();
    }

    @Test
    void blobsWrittenBetweenTheReconcilersJudgementAndItsDeleteAreWrittenAgainByTheCommit() throws Exception {
        CountDownLatch judged = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        reconcilerBlobs.beforeDelete(key -> {
            if (key.equals(path)) { // inside the reconciler's transaction, judged an orphan
                judged.countDown();
                await(written);
            }
        });
        served.afterPut(key -> {
            if (key.equals(path + ".metadata")) {
                written.countDown(); // the upload goes on to its commit, which waits for the pass's lock
            }
        });

        Future<Reconciler.Report> pass = threads.submit(() -> reconciler().run(false));
        await(judged);
        Http.Response upload = upload();
        Reconciler.Report report = pass.get(1, TimeUnit.MINUTES);

        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        assertThat(report.removed()).as("the pass deleted the blob the upload had just written").contains(path);
        assertDownloads();
    }

    private void assertDownloads() throws Exception {
        Http.Response file = Http.get(server.uri("/packages/" + path));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(Files.readAllBytes(wheel));
        Http.Response metadata = Http.get(server.uri("/packages/" + path + ".metadata"));
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.text()).isEqualTo(METADATA);
    }

    /** Waits for the other thread; a minute means it is stuck, and the test fails. */
    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the other side never reached its point");
        }
    }
}
