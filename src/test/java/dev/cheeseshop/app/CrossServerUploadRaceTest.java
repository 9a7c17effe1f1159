package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.S3Proxy;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.ServerPair;
import dev.cheeseshop.testing.Uploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads of one filename racing through two servers on one PostgreSQL database and one bucket
 * end as they do in one process ({@code upload.ConcurrentUploadTest}): the identical file twice is
 * two 200s and one file; two different files under one filename are a 200 and PyPI's {@code File
 * already exists}. Either way the journal holds each change once, and both servers then serve the
 * same page.
 */
class CrossServerUploadRaceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    private static S3Proxy s3;
    private static ServerPair pair;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Proxy.start(Files.createDirectories(tmp.resolve("s3")));
        pair = ServerPair.start(tmp.resolve("servers"), s3, Duration.ofHours(1), true);
    }

    @AfterAll
    static void stop() {
        try {
            if (pair != null) {
                pair.close();
            }
        } finally {
            s3.close();
        }
    }

    @RepeatedTest(3)
    void theIdenticalFileThroughBothIsStoredOnce(RepetitionInfo repetition) throws Exception {
        String project = "identical-" + repetition.getCurrentRepetition();
        Path wheel = TestArchives.wheel(project, "1.0").writeTo(dir(project));
        Serial before = pair.lastSerial();

        List<Http.Response> responses = race(Uploads.wheel(wheel, project, "1.0"), Uploads.wheel(wheel, project, "1.0"));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.reason()).isEqualTo(200));
        assertThat(journalSince(before)).extracting(JournalEntry::action).containsExactly("create",
                "add Owner alice", "new release", "add py3 file " + wheel.getFileName());
        assertThat(files(project)).singleElement()
                .satisfies(f -> assertThat(f.digests()).isEqualTo(Seed.digests(Files.readAllBytes(wheel))));
        bothServeTheSamePage(project, wheel.getFileName().toString());
    }

    @RepeatedTest(3)
    void twoFilesUnderOneFilenameThroughBothOneIsStoredTheOtherAlreadyExists(RepetitionInfo repetition)
            throws Exception {
        String project = "same-name-" + repetition.getCurrentRepetition();
        Path first = TestArchives.wheel(project, "1.0").file("a.txt", "a").writeTo(dir(project + "-a"));
        Path second = TestArchives.wheel(project, "1.0").file("b.txt", "b").writeTo(dir(project + "-b"));
        Serial before = pair.lastSerial();

        List<Http.Response> responses = race(Uploads.wheel(first, project, "1.0"), Uploads.wheel(second, project, "1.0"));

        assertThat(responses).extracting(Http.Response::status).containsExactlyInAnyOrder(200, 400);
        int winner = responses.get(0).status() == 200 ? 0 : 1;
        Path kept = winner == 0 ? first : second;
        Path lost = winner == 0 ? second : first;
        String filename = first.getFileName().toString();
        assertThat(responses.get(1 - winner).reason()).isEqualTo("File already exists ('" + filename
                + "', with blake2_256 hash '" + Seed.blake2b(Files.readAllBytes(lost))
                + "'). See https://pypi.org/help/#file-name-reuse for more information.");
        assertThat(journalSince(before)).extracting(JournalEntry::action).containsExactly("create",
                "add Owner alice", "new release", "add py3 file " + filename);
        assertThat(files(project)).singleElement()
                .satisfies(f -> assertThat(f.digests()).isEqualTo(Seed.digests(Files.readAllBytes(kept))));
        bothServeTheSamePage(project, filename);
    }

    /** Sends the first upload through A and the second through B at once; the responses in that order. */
    private static List<Http.Response> race(Uploads throughA, Uploads throughB) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Http.Response> a = pool.submit(() -> {
                start.await(60, TimeUnit.SECONDS);
                return throughA.to(ServerPair.uri(pair.a, "/legacy/"));
            });
            Future<Http.Response> b = pool.submit(() -> {
                start.await(60, TimeUnit.SECONDS);
                return throughB.to(ServerPair.uri(pair.b, "/legacy/"));
            });
            return List.of(a.get(120, TimeUnit.SECONDS), b.get(120, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Once each server knows of the last commit, both pages are the same bytes, naming the file. */
    private static void bothServeTheSamePage(String project, String filename) throws InterruptedException {
        Serial last = pair.lastSerial();
        assertThat(pair.a.journalWatch().awaitKnown(last, WAIT)).as("A told of serial %s", last).isTrue();
        assertThat(pair.b.journalWatch().awaitKnown(last, WAIT)).as("B told of serial %s", last).isTrue();
        Http.Response a = Http.get(ServerPair.uri(pair.a, "/simple/" + project + "/"));
        Http.Response b = Http.get(ServerPair.uri(pair.b, "/simple/" + project + "/"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.text()).contains(filename);
        assertThat(b.body()).isEqualTo(a.body());
    }

    private static List<JournalEntry> journalSince(Serial before) {
        List<JournalEntry> entries = new ArrayList<>();
        pair.a.store().read(tx -> {
            tx.journal().since(before, Integer.MAX_VALUE, entries::add);
            return null;
        });
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).serial().value()).isEqualTo(entries.get(i - 1).serial().value() + 1);
        }
        return entries;
    }

    private static List<DistFile> files(String project) {
        return pair.a.store().read(tx -> tx.files().forProject(tx.projects().find(project).orElseThrow().id()));
    }

    private static Path dir(String name) throws Exception {
        return Files.createDirectories(tmp.resolve("dists").resolve(name));
    }
}
