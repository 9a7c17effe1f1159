package dev.cheeseshop.journal;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.testing.Changelog;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mirror following a real server over XML-RPC, as bandersnatch does ({@code
 * changelog_since_serial(last)} over and over), while uploads and {@code /api/v1} management
 * calls (yank, unyank, roles, quarantine, removals, reservations) commit concurrently: the follower sees every entry exactly
 * once, in strictly increasing serials, exactly the final changelog; and the journal holds each
 * management action with PyPI's text under the user who acted.
 */
class ManagementFollowerTest {
    private static final String CAROL = "carol";
    private static final String DAVE = "dave";
    private static final String ROOT = "root";
    private static final int UPLOADERS = 2;
    private static final List<String> UPLOADED_VERSIONS = List.of("1.0", "1.1", "1.2", "1.3");
    /** Each manager manages its own project and makes its own user an Owner for a while. */
    private static final List<String> MANAGED_USERS = List.of(BOB, CAROL, DAVE);

    @TempDir
    static Path tmp;

    private static TestServer server;
    private static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.app().accounts().create(CAROL, null, "carol-password-333", false);
        server.app().accounts().create(DAVE, null, "dave-password-4444", false);
        server.app().accounts().create(ROOT, null, "root-password-55555", true);
        tokens.put(ROOT, Tokens.secret(server, ROOT, "root-password-55555", "{\"name\": \"follower\"}"));
        tokens.put(ALICE, Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"follower\"}"));
        tokens.put(BOB, Tokens.secret(server, BOB, BOB_PASSWORD, "{\"name\": \"follower\"}"));
        tokens.put(CAROL, Tokens.secret(server, CAROL, "carol-password-333", "{\"name\": \"follower\"}"));
        tokens.put(DAVE, Tokens.secret(server, DAVE, "dave-password-4444", "{\"name\": \"follower\"}"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFollowerSeesEveryUploadAndManagementEntryExactlyOnceInOrder() throws Exception {
        assertThat(changelogSince(0)).as("a fresh server's changelog").isEmpty();
        int workers = UPLOADERS + MANAGED_USERS.size();
        CyclicBarrier start = new CyclicBarrier(workers + 1);
        ExecutorService pool = Executors.newFixedThreadPool(workers + 1);
        AtomicBoolean working = new AtomicBoolean(true);
        List<List<?>> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> expected = Collections.synchronizedList(new ArrayList<>());
        try {
            Future<Void> follower = pool.submit(() -> follow(start, working, seen));
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < UPLOADERS; i++) {
                String project = "mf-upload-" + i;
                futures.add(pool.submit(worker(start, () -> {
                    upload(project, UPLOADED_VERSIONS, expected);
                    return null;
                })));
            }
            for (String user : MANAGED_USERS) {
                String project = "mf-manage-" + user;
                futures.add(pool.submit(worker(start, () -> manage(project, user, expected))));
            }
            for (Future<?> future : futures) {
                future.get(300, TimeUnit.SECONDS);
            }
            working.set(false);
            follower.get(300, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        List<List<?>> all = changelogSince(0);
        assertThat(all).as("the final changelog").isNotEmpty();
        List<Long> serials = all.stream().map(row -> (Long) row.get(4)).toList();
        assertThat(serials).as("no gaps, strictly increasing from 1")
                .isEqualTo(LongStream.rangeClosed(1, all.size()).boxed().toList());
        assertThat(seen.stream().map(row -> (Long) row.get(4)).toList()).as("serials seen by the follower")
                .isEqualTo(serials);
        assertThat(seen).as("the follower saw exactly the final changelog").isEqualTo(all);

        List<JournalEntry> journal = IndexState.of(server).journal();
        assertThat(IndexState.describe(journal)).as("the journal, by user").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(journal).hasSameSizeAs(all);
        for (int i = 0; i < all.size(); i++) {
            List<?> row = all.get(i);
            JournalEntry entry = journal.get(i);
            assertThat(List.of(row.get(0), String.valueOf(row.get(1)), row.get(3), row.get(4)))
                    .isEqualTo(List.of(entry.name(), String.valueOf(entry.version()), entry.action(),
                            entry.serial().value()));
        }
        List<String> actions = all.stream().map(row -> (String) row.get(3)).toList();
        for (String user : MANAGED_USERS) {
            assertThat(actions).contains("add Maintainer " + user, "change Maintainer " + user + " to Owner",
                    "remove Owner " + user);
        }
        assertThat(actions).contains("yank release", "unyank release", "remove release", "remove project",
                        "release quarantined", "release quarantine cleared", "project quarantined",
                        "project quarantine cleared")
                .anyMatch(a -> a.startsWith("remove file "));
    }

    private static Callable<Void> worker(CyclicBarrier start, Callable<Void> work) {
        return () -> {
            start.await(60, TimeUnit.SECONDS);
            return work.call();
        };
    }

    /**
     * Polls from the moment the workers start until they have finished, then until nothing is new;
     * each serial must be above the last one seen.
     */
    private static Void follow(CyclicBarrier start, AtomicBoolean working, List<List<?>> seen) throws Exception {
        start.await(60, TimeUnit.SECONDS);
        long last = 0;
        while (true) {
            boolean finalPass = !working.get();
            List<List<?>> batch = changelogSince(last);
            for (List<?> row : batch) {
                long serial = (Long) row.get(4);
                assertThat(serial).as("serial after %d", last).isGreaterThan(last);
                last = serial;
                seen.add(row);
            }
            if (batch.isEmpty() && finalPass) {
                return null;
            }
            Thread.yield();
        }
    }

    /** Uploads a wheel and an sdist of each version as alice (with her token); records the entries expected. */
    private static List<String> upload(String project, List<String> versions, List<String> expected) throws IOException {
        List<String> filenames = new ArrayList<>();
        expected.add(project + "|null|create|alice");
        expected.add(project + "|null|add Owner alice|alice");
        String auth = Uploads.basic("__token__", tokens.get(ALICE));
        for (String version : versions) {
            Path dir = Files.createDirectories(tmp.resolve(project + "-" + version));
            Path wheel = TestArchives.wheel(project, version).writeTo(dir);
            Path sdist = TestArchives.sdist(project, version).writeTo(dir);
            Http.Response w = Uploads.wheel(wheel, project, version).authorization(auth).to(server);
            assertThat(w.status()).as(w.text()).isEqualTo(200);
            Http.Response s = Uploads.sdist(sdist, project, version).authorization(auth).to(server);
            assertThat(s.status()).as(s.text()).isEqualTo(200);
            expected.add(project + "|" + version + "|new release|alice");
            expected.add(project + "|" + version + "|add py3 file " + wheel.getFileName() + "|alice");
            expected.add(project + "|" + version + "|add source file " + sdist.getFileName() + "|alice");
            filenames.add(wheel.getFileName().toString());
            filenames.add(sdist.getFileName().toString());
        }
        return filenames;
    }

    /**
     * Uploads 1.0 and 1.1, then: alice adds {@code user} as Maintainer and makes them Owner; they
     * yank and unyank 1.0; an administrator puts 1.0, then the project, in quarantine and clears
     * each; alice removes their role, 1.0's wheel, release 1.1 and the project; the administrator
     * reserves the freed name for the user.
     */
    private static Void manage(String project, String user, List<String> expected) throws IOException {
        List<String> files = upload(project, List.of("1.0", "1.1"), expected);
        String owner = Tokens.bearer(tokens.get(ALICE));
        String other = Tokens.bearer(tokens.get(user));
        String base = "/projects/" + project;
        act("PUT", base + "/roles/" + user, owner, "{\"role\": \"Maintainer\"}", 201,
                project + "|null|add Maintainer " + user + "|alice", expected);
        act("PUT", base + "/roles/" + user, owner, "{\"role\": \"Owner\"}", 200,
                project + "|null|change Maintainer " + user + " to Owner|alice", expected);
        act("POST", base + "/releases/1.0/yank", other, "{\"reason\": \"by " + user + "\"}", 200,
                project + "|1.0|yank release|" + user, expected);
        act("POST", base + "/releases/1.0/unyank", other, "{}", 200,
                project + "|1.0|unyank release|" + user, expected);
        String admin = Tokens.bearer(tokens.get(ROOT));
        act("POST", base + "/releases/1.0/quarantine", admin, null, 200,
                project + "|1.0|release quarantined|root", expected);
        act("DELETE", base + "/releases/1.0/quarantine", admin, null, 200,
                project + "|1.0|release quarantine cleared|root", expected);
        act("POST", base + "/quarantine", admin, null, 200, project + "|null|project quarantined|root", expected);
        act("DELETE", base + "/quarantine", admin, null, 200, project + "|null|project quarantine cleared|root",
                expected);
        act("DELETE", base + "/roles/" + user, owner, null, 200,
                project + "|null|remove Owner " + user + "|alice", expected);
        act("DELETE", base + "/releases/1.0/files/" + files.get(0), owner, null, 200,
                project + "|1.0|remove file " + files.get(0) + "|alice", expected);
        act("DELETE", base + "/releases/1.1", owner, null, 200,
                project + "|1.1|remove release|alice", expected);
        act("DELETE", base, owner, null, 200, project + "|null|remove project|alice", expected);
        Http.Response reserved = Http.send("POST", server.uri("/api/v1/projects"),
                ("{\"name\": \"" + project + "\", \"owner\": \"" + user + "\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", admin, "Content-Type", "application/json");
        assertThat(reserved.status()).as("reserve " + project + ": " + reserved.text()).isEqualTo(201);
        expected.add(project + "|null|create|root");
        expected.add(project + "|null|add Owner " + user + "|root");
        return null;
    }

    /** One {@code /api/v1} call: its status and the entry it answers, which is recorded as expected. */
    private static void act(String method, String path, String authorization, String json, int status, String entry,
            List<String> expected) {
        List<String> headers = new ArrayList<>(List.of("Authorization", authorization));
        if (json != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        Http.Response response = Http.send(method, server.uri("/api/v1" + path),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
        assertThat(response.status()).as(method + " " + path + ": " + response.text()).isEqualTo(status);
        var answer = Tokens.json(response);
        assertThat(answer.get("project").asText() + "|" + (answer.get("version").isNull() ? null
                : answer.get("version").asText()) + "|" + answer.get("action").asText() + "|"
                + answer.get("submitted_by").asText()).isEqualTo(entry);
        expected.add(entry);
    }

    /** {@code changelog_since_serial(serial)} over HTTP, as a mirror calls it: rows of name, version, time, action, serial. */
    private static List<List<?>> changelogSince(long serial) {
        return Changelog.since(server.uri("/"), serial);
    }
}
