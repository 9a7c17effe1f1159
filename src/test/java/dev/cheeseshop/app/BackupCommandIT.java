package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Changelog;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cheeseshop backup} of a serving index from the packaged jar, while other threads keep
 * uploading until it returns, then {@code restore} into a new directory and a server over it:
 * everything committed before the backup began is there and intact, and the journal is a
 * gap-free prefix of the live one, matching the files present.
 */
class BackupCommandIT {
    private static final int UPLOADERS = 2;

    @TempDir
    Path tmp;

    /** Set just before the backup starts. */
    private final AtomicBoolean backupBegun = new AtomicBoolean();

    /** An upload that was answered 200: its bytes, and whether the answer came before the backup began. */
    private record Accepted(String filename, byte[] content, boolean beforeBackup) {}

    @Test
    void aBackupDuringUploadsRestoresEverythingCommittedBeforeItWithAGapFreeJournal() throws Exception {
        Backend.assumeSqliteFiles("backup copies the embedded default; on PostgreSQL and S3 it refuses (below)");
        Path backup = tmp.resolve("backup");
        Path restored = tmp.resolve("restored");
        Map<String, Accepted> accepted = new ConcurrentHashMap<>();
        List<List<?>> liveJournal;
        long serialBefore;
        Processes.Result backedUp;
        try (TestServer server = TestServer.start()) {
            for (int i = 0; i < 3; i++) {
                upload(server, "settled", "1." + i, false, accepted);
            }
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch eachUploaded = new CountDownLatch(UPLOADERS);
            List<Thread> uploaders = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int t = 0; t < UPLOADERS; t++) {
                String project = "busy-" + t;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; !stop.get(); i++) {
                            // Read after the answer: false means the commit came before the backup began.
                            upload(server, project, "2." + i, true, accepted);
                            if (i == 0) {
                                eachUploaded.countDown();
                            }
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                        eachUploaded.countDown();
                    }
                }, "uploader-" + t);
                thread.start();
                uploaders.add(thread);
            }
            // Uploads are under way before the backup begins, and go on until it returns.
            assertThat(eachUploaded.await(60, TimeUnit.SECONDS)).isTrue();
            serialBefore = server.app().store().read(tx -> tx.journal().last()).orElseThrow().value();
            backupBegun.set(true);
            backedUp = Processes.cheeseshop("backup", "--data", server.data().toString(), "--to", backup.toString())
                    .run();
            stop.set(true);
            for (Thread thread : uploaders) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(thread.isAlive()).as(thread.getName() + " stopped").isFalse();
            }
            assertThat(failures).isEmpty();
            liveJournal = Changelog.since(server.uri("/"), 0);
        }
        assertThat(backedUp.exitCode()).as(backedUp.describe()).isZero();
        assertThat(backedUp.stdout()).as(backedUp.describe())
                .containsPattern("^backed up .+ into .+: last serial \\d+, \\d+ files, \\d+ blobs"
                        + " \\(\\d+ linked, 0 copied\\), 0 missing\n$");
        assertThat(backedUp.stderr()).as("quiet within the progress interval").isEmpty();

        Processes.Result restore = Processes.cheeseshop("restore", "--from", backup.toString(), "--data",
                restored.toString()).run();
        assertThat(restore.exitCode()).as(restore.describe()).isZero();

        try (Application app = Application.forServer(new Settings(restored, "127.0.0.1", 0, 1 << 20))) {
            app.start();
            List<List<?>> journal = Changelog.since(app.uri(), 0);
            long last = journal.size();
            assertThat(journal).extracting(row -> ((Number) row.get(4)).longValue())
                    .as("serials 1..N without a gap")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
            assertThat(last).isGreaterThanOrEqualTo(serialBefore);
            assertThat(journal).as("a prefix of the live journal").isEqualTo(liveJournal.subList(0, (int) last));
            assertThat(backedUp.stdout()).contains("last serial " + last + ",");

            Set<String> journaled = new TreeSet<>();
            for (List<?> row : journal) {
                String action = (String) row.get(3);
                if (action.startsWith("add py3 file ")) {
                    journaled.add(action.substring("add py3 file ".length()));
                }
            }
            Set<String> before = new TreeSet<>();
            accepted.values().stream().filter(Accepted::beforeBackup).forEach(a -> before.add(a.filename()));
            assertThat(journaled).as("every file committed before the backup").containsAll(before);
            Map<String, Integer> served = new TreeMap<>();
            for (Accepted upload : accepted.values()) {
                String key = Seed.digests(upload.content()).storagePath(upload.filename());
                Http.Response file = Http.get(app.uri().resolve("/packages/" + key));
                served.put(upload.filename(), file.status());
                if (journaled.contains(upload.filename())) {
                    assertThat(file.status()).as(upload.filename()).isEqualTo(200);
                    assertThat(Seed.sha256(file.body())).as(upload.filename())
                            .isEqualTo(Seed.sha256(upload.content()));
                    assertThat(Http.get(app.uri().resolve("/packages/" + key + ".metadata")).status()).isEqualTo(200);
                } else {
                    assertThat(file.status()).as("a file the journal does not name: " + upload.filename())
                            .isEqualTo(404);
                }
            }
            assertThat(served.values().stream().filter(status -> status == 200).count())
                    .as("the files present are those the journal names").isEqualTo(journaled.size());
        }
    }

    private void upload(TestServer server, String project, String version, boolean concurrent,
            Map<String, Accepted> accepted) {
        try {
            Path dir = Files.createDirectories(tmp.resolve("wheels"));
            Path wheel = TestArchives.wheel(project, version).writeTo(dir);
            byte[] content = Files.readAllBytes(wheel);
            Http.Response response = Uploads.wheel(wheel, project, version).to(server);
            assertThat(response.status()).as(response.reason()).isEqualTo(200);
            boolean before = !concurrent || !backupBegun.get();
            accepted.put(wheel.getFileName().toString(), new Accepted(wheel.getFileName().toString(), content, before));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
