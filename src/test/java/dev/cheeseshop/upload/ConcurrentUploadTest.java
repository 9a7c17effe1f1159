package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads racing each other, released together from a barrier: whatever the interleaving, each
 * succeeds or fails with the answer it would get coming second, the project is created once,
 * and the journal holds exactly the expected entries, in consecutive serials.
 */
class ConcurrentUploadTest {
    private static TestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void journalHasNoGapsAndNothingIsStaged() {
        IndexState state = IndexState.of(server);
        for (int i = 0; i < state.journal().size(); i++) {
            assertThat(state.journal().get(i).serial().value()).isEqualTo(i + 1);
        }
        assertThat(state.staged()).isEmpty();
    }

    /** Sends every upload at once, from its own thread, and answers the responses in the same order. */
    private static List<Http.Response> race(List<Uploads> uploads) throws Exception {
        CyclicBarrier start = new CyclicBarrier(uploads.size());
        ExecutorService pool = Executors.newFixedThreadPool(uploads.size());
        try {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Uploads upload : uploads) {
                futures.add(pool.submit(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    return upload.to(server);
                }));
            }
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    @RepeatedTest(3)
    void differentFilesForANewProjectAllSucceedAndTheProjectIsCreatedOnce(RepetitionInfo repetition) throws Exception {
        String project = "Race.Pkg" + repetition.getCurrentRepetition();
        List<Uploads> uploads = new ArrayList<>();
        List<String> filenames = new ArrayList<>();
        for (String version : List.of("1.0", "2.0")) {
            Path sdist = TestArchives.sdist(project, version).writeTo(dir("sdist-" + version));
            uploads.add(Uploads.sdist(sdist, project, version));
            filenames.add(sdist.getFileName().toString());
            for (String tag : List.of("py3-none-any", "cp312-cp312-manylinux_2_17_x86_64")) {
                Path wheel = TestArchives.wheel(project, version).tag(tag)
                        .file(TestArchives.escaped(project) + "/tag.txt", tag).writeTo(dir(tag + "-" + version));
                uploads.add(Uploads.wheel(wheel, project, version).field("pyversion", tag.substring(0, tag.indexOf('-'))));
                filenames.add(wheel.getFileName().toString());
            }
        }
        IndexState before = IndexState.of(server);

        List<Http.Response> responses = race(uploads);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.reason()).isEqualTo(200));
        IndexState after = IndexState.of(server);
        List<JournalEntry> entries = after.journalSince(before);
        List<String> actions = entries.stream().map(JournalEntry::action).toList();
        assertThat(actions).hasSize(2 + 2 + filenames.size());
        assertThat(actions.subList(0, 2)).containsExactly("create", "add Owner alice");
        assertThat(actions).filteredOn(a -> a.equals("new release")).hasSize(2);
        assertThat(actions).filteredOn(a -> a.startsWith("add ") && a.contains(" file "))
                .extracting(a -> a.substring(a.indexOf(" file ") + 6)).containsExactlyInAnyOrderElementsOf(filenames);
        for (String version : List.of("1.0", "2.0")) {
            int release = indexOf(entries, version, "new release");
            assertThat(entries).filteredOn(e -> version.equals(e.version()) && e.action().contains(" file "))
                    .allSatisfy(e -> assertThat(entries.indexOf(e)).isGreaterThan(release));
        }
        assertThat(entries).extracting(JournalEntry::name).containsOnly(project);
        assertThat(after.projects()).filteredOn(p -> p.startsWith(project + " ")).containsExactly(
                project + " serial " + entries.get(entries.size() - 1).serial().value());
        assertThat(after.roles()).filteredOn(r -> r.startsWith(project + " ")).containsExactly(project + " Owner alice");
        assertThat(after.files()).extracting(DistFile::filename).containsAll(filenames);
        assertThat(after.releases()).filteredOn(r -> r.startsWith(project + " "))
                .containsExactlyInAnyOrder(project + " 1.0", project + " 2.0");
    }

    @RepeatedTest(3)
    void twoUsersCreatingTheSameProjectOneWinsTheOtherIsRefused(RepetitionInfo repetition) throws Exception {
        String project = "contested-" + repetition.getCurrentRepetition();
        Path alices = TestArchives.sdist(project, "1.0").writeTo(dir("alice"));
        Path bobs = TestArchives.wheel(project, "1.0").writeTo(dir("bob"));
        IndexState before = IndexState.of(server);

        List<Http.Response> responses = race(List.of(Uploads.sdist(alices, project, "1.0"),
                Uploads.wheel(bobs, project, "1.0").credentials(TestServer.BOB, TestServer.BOB_PASSWORD)));

        assertThat(responses).extracting(Http.Response::status).containsExactlyInAnyOrder(200, 403);
        boolean aliceWon = responses.get(0).status() == 200;
        String winner = aliceWon ? "alice" : "bob";
        String loser = aliceWon ? "bob" : "alice";
        String file = aliceWon ? alices.getFileName().toString() : bobs.getFileName().toString();
        Http.Response refused = responses.get(aliceWon ? 1 : 0);
        assertThat(refused.reason()).isEqualTo("The user '" + loser + "' isn't allowed to upload to project '"
                + project + "'. See https://pypi.org/help/#project-name for more information.");
        IndexState after = IndexState.of(server);
        assertThat(IndexState.describe(after.journalSince(before))).containsExactly(
                project + "|null|create|" + winner,
                project + "|null|add Owner " + winner + "|" + winner,
                project + "|1.0|new release|" + winner,
                project + "|1.0|add " + (aliceWon ? "source" : "py3") + " file " + file + "|" + winner);
        assertThat(after.roles()).filteredOn(r -> r.startsWith(project + " ")).containsExactly(project + " Owner " + winner);
    }

    @RepeatedTest(3)
    void twoFilesUnderOneFilenameOneIsStoredTheOtherAlreadyExists(RepetitionInfo repetition) throws Exception {
        String project = "same-name-" + repetition.getCurrentRepetition();
        Path first = TestArchives.wheel(project, "1.0").file("a.txt", "a").writeTo(dir("a"));
        Path second = TestArchives.wheel(project, "1.0").file("b.txt", "b").writeTo(dir("b"));
        IndexState before = IndexState.of(server);

        List<Http.Response> responses = race(List.of(Uploads.wheel(first, project, "1.0"),
                Uploads.wheel(second, project, "1.0")));

        assertThat(responses).extracting(Http.Response::status).containsExactlyInAnyOrder(200, 400);
        int winner = responses.get(0).status() == 200 ? 0 : 1;
        Path kept = winner == 0 ? first : second;
        Path lost = winner == 0 ? second : first;
        String filename = first.getFileName().toString();
        assertThat(responses.get(1 - winner).reason()).isEqualTo("File already exists ('" + filename
                + "', with blake2_256 hash '" + Seed.blake2b(Files.readAllBytes(lost))
                + "'). See https://pypi.org/help/#file-name-reuse for more information.");
        IndexState after = IndexState.of(server);
        assertThat(after.journalSince(before)).hasSize(4);
        assertThat(after.files()).filteredOn(f -> f.filename().equals(filename)).singleElement()
                .satisfies(f -> assertThat(f.digests()).isEqualTo(Seed.digests(Files.readAllBytes(kept))));
    }

    @RepeatedTest(3)
    void theIdenticalFileSentFourTimesAtOnceIsStoredOnce(RepetitionInfo repetition) throws Exception {
        String project = "identical-" + repetition.getCurrentRepetition();
        Path wheel = TestArchives.wheel(project, "1.0").writeTo(tmp);
        IndexState before = IndexState.of(server);

        List<Http.Response> responses = race(List.of(Uploads.wheel(wheel, project, "1.0"),
                Uploads.wheel(wheel, project, "1.0"), Uploads.wheel(wheel, project, "1.0"),
                Uploads.wheel(wheel, project, "1.0")));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.reason()).isEqualTo(200));
        IndexState after = IndexState.of(server);
        assertThat(after.journalSince(before)).extracting(JournalEntry::action).containsExactly("create",
                "add Owner alice", "new release", "add py3 file " + wheel.getFileName());
        assertThat(after.files().size()).isEqualTo(before.files().size() + 1);
    }

    private static int indexOf(List<JournalEntry> entries, String version, String action) {
        for (int i = 0; i < entries.size(); i++) {
            if (version.equals(entries.get(i).version()) && entries.get(i).action().equals(action)) {
                return i;
            }
        }
        throw new AssertionError("no " + action + " " + version + " in " + entries);
    }
}
