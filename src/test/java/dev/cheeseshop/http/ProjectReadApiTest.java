package dev.cheeseshop.http;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.testing.ApiCalls;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reads of {@code /api/v1/projects/<project>} over HTTP, on a server whose clock the test
 * moves: every value expected is computed from what the test uploaded (the files' bytes, the
 * clock's times) or read from the stored journal, never from the code under test.
 */
class ProjectReadApiTest {
    private static final String ALICE_AUTH = Uploads.basic(ALICE, ALICE_PASSWORD);
    private static final String BOB_AUTH = Uploads.basic(BOB, BOB_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-04T05:06:07.123456Z");

    @TempDir
    static Path tmp;

    private static MutableClock clock;
    private static TestServer server;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        server = TestServer.start(UnaryOperator.identity(), clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response call(String method, String path, String authorization, String json) {
        return ApiCalls.call(server, method, path, authorization, json);
    }

    /** The JSON tree of {@code value} as written and read back, so that numbers compare as the server's do. */
    private static JsonNode tree(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        return Tokens.json(response);
    }

    private static void refused(Http.Response response, int status, String detail) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(Tokens.json(response)).isEqualTo(tree(
                Map.of("errors", List.of(Map.of("status", Integer.toString(status), "detail", detail)))));
    }

    /** What the test uploaded: the file, and the time the server's clock showed. */
    private record Uploaded(Path file, Instant at) {}

    private static Uploaded wheel(String name, String version, String requiresPython) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name + "-" + version + "-whl"));
        Path wheel = TestArchives.wheel(name, version).writeTo(dir);
        Uploads upload = Uploads.wheel(wheel, name, version);
        if (requiresPython != null) {
            upload.field("requires_python", requiresPython);
        }
        return upload(upload, wheel);
    }

    private static Uploaded sdist(String name, String version) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name + "-" + version + "-sdist"));
        Path sdist = TestArchives.sdist(name, version).writeTo(dir);
        return upload(Uploads.sdist(sdist, name, version), sdist);
    }

    private static Uploaded upload(Uploads upload, Path file) {
        clock.advance(Duration.ofSeconds(1));
        Instant at = clock.instant();
        assertThat(upload.to(server).status()).isEqualTo(200);
        return new Uploaded(file, at);
    }

    /** The project's entries in the stored journal (read through the store, not the API). */
    private static List<JournalEntry> storedJournal(String displayName) {
        return IndexState.of(server).journal().stream().filter(e -> e.name().equals(displayName)).toList();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, Object> file(Uploaded uploaded, String packagetype, String pythonVersion,
            String requiresPython, boolean yanked, String reason) throws Exception {
        byte[] bytes = Files.readAllBytes(uploaded.file());
        Blake2bDigest blake2 = new Blake2bDigest(256);
        blake2.update(bytes, 0, bytes.length);
        byte[] b2 = new byte[32];
        blake2.doFinal(b2, 0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("filename", uploaded.file().getFileName().toString());
        out.put("packagetype", packagetype);
        out.put("python_version", pythonVersion);
        out.put("size", bytes.length);
        out.put("sha256", hex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        out.put("blake2b_256", hex(b2));
        out.put("upload_time", uploaded.at().toString());
        out.put("requires_python", requiresPython);
        out.put("yanked", yanked);
        out.put("yanked_reason", reason);
        return out;
    }

    private static Map<String, Object> version(String version, boolean yanked, String reason, Instant created) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        out.put("yanked", yanked);
        out.put("yanked_reason", reason);
        out.put("quarantined", false);
        out.put("created", created.toString());
        return out;
    }

    @Test
    void aProjectWithItsRolesAndVersionsInVersionOrderWithTheirYankState() throws Exception {
        Instant v1 = wheel("Read_Proj", "1.0", null).at();
        Instant v10 = wheel("Read_Proj", "10.0", null).at();
        Instant v9 = wheel("Read_Proj", "9.0", null).at();
        clock.advance(Duration.ofSeconds(1));
        assertThat(call("POST", "/projects/read-proj/releases/9.0/yank", ALICE_AUTH, "{\"reason\": \"broken\"}")
                .status()).isEqualTo(200);
        assertThat(call("PUT", "/projects/read-proj/roles/bob", ALICE_AUTH, "{\"role\": \"Maintainer\"}").status())
                .isEqualTo(201);
        List<JournalEntry> journal = storedJournal("Read_Proj");
        long lastSerial = journal.get(journal.size() - 1).serial().value();

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "Read_Proj");
        expected.put("normalized_name", "read-proj");
        expected.put("last_serial", lastSerial);
        expected.put("quarantined", false);
        expected.put("roles", List.of(Map.of("user", "alice", "role", "Owner"), Map.of("user", "bob", "role", "Maintainer")));
        expected.put("versions", List.of(version("1.0", false, null, v1), version("9.0", true, "broken", v9),
                version("10.0", false, null, v10)));
        // any authenticated user may read, by any spelling of the name
        assertThat(ok(call("GET", "/projects/READ.proj", BOB_AUTH, null))).isEqualTo(tree(expected));
        String token = Tokens.secret(server, BOB, BOB_PASSWORD, "{\"name\": \"reader\"}");
        assertThat(ok(call("GET", "/projects/read_proj", Tokens.bearer(token), null))).isEqualTo(tree(expected));
    }

    @Test
    void aReleaseWithItsFilesDigestsTimesAndYankState() throws Exception {
        Uploaded wheel = wheel("read-rel", "2.0", ">=3.8");
        Uploaded sdist = sdist("read-rel", "2.0");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "read-rel");
        expected.put("normalized_name", "read-rel");
        expected.put("version", "2.0");
        expected.put("yanked", false);
        expected.put("yanked_reason", null);
        expected.put("quarantined", false);
        expected.put("requires_python", ">=3.8");
        expected.put("created", wheel.at().toString());
        // by filename: read-rel-2.0.tar.gz < read_rel-2.0-py3-none-any.whl
        List<Map<String, Object>> files = new ArrayList<>(List.of(
                file(wheel, "bdist_wheel", "py3", ">=3.8", false, null),
                file(sdist, "sdist", "source", ">=3.8", false, null)));
        files.sort((a, b) -> ((String) a.get("filename")).compareTo((String) b.get("filename")));
        expected.put("files", files);
        // any spelling of the version
        assertThat(ok(call("GET", "/projects/read-rel/releases/2.0.0", BOB_AUTH, null)))
                .isEqualTo(tree(expected));

        assertThat(call("POST", "/projects/read-rel/releases/2/yank", ALICE_AUTH, "{\"reason\": \"bad build\"}")
                .status()).isEqualTo(200);
        expected.put("yanked", true);
        expected.put("yanked_reason", "bad build");
        for (Map<String, Object> one : files) {
            one.put("yanked", true);
            one.put("yanked_reason", "bad build");
        }
        assertThat(ok(call("GET", "/projects/read-rel/releases/2.0", ALICE_AUTH, null)))
                .isEqualTo(tree(expected));
    }

    @Test
    void aMissingProjectOrReleaseIs404InTheErrorForm() throws Exception {
        wheel("read-missing", "1.0", null);
        refused(call("GET", "/projects/no-such-project", BOB_AUTH, null), 404,
                "Project 'no-such-project' does not exist.");
        refused(call("GET", "/projects/no-such-project/releases/1.0", BOB_AUTH, null), 404,
                "Project 'no-such-project' does not exist.");
        refused(call("GET", "/projects/no-such-project/journal", BOB_AUTH, null), 404,
                "Project 'no-such-project' does not exist.");
        refused(call("GET", "/projects/read-missing/releases/1.1", BOB_AUTH, null), 404,
                "Release 1.1 of 'read-missing' does not exist.");
        refused(call("GET", "/projects/read-missing/releases/not%20a%20version", BOB_AUTH, null), 404,
                "Release not a version of 'read-missing' does not exist.");
    }

    @Test
    void readsNeedAuthentication() throws Exception {
        wheel("read-auth", "1.0", null);
        for (String path : List.of("/projects/read-auth", "/projects/read-auth/releases/1.0",
                "/projects/read-auth/journal")) {
            Http.Response response = call("GET", path, null, null);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(path).contains("Basic");
            assertThat(Tokens.json(response).get("errors").get(0).get("status").asText()).isEqualTo("401");
        }
    }

    private static Map<String, Object> entry(JournalEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("serial", e.serial().value());
        out.put("name", e.name());
        out.put("version", e.version());
        out.put("action", e.action());
        out.put("submitted", e.submitted().toString());
        out.put("submitted_by", e.submittedBy());
        return out;
    }

    private static Map<String, Object> page(String name, String normalized, List<JournalEntry> entries, Long next) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("normalized_name", normalized);
        out.put("entries", entries.stream().map(ProjectReadApiTest::entry).toList());
        out.put("next", next);
        return out;
    }

    @Test
    void theJournalOfOneProjectOldestFirstPagedBySerial() throws Exception {
        Uploaded first = wheel("Read-Journal", "1.0", null);
        wheel("read-other", "1.0", null); // interleaved: another project's entries are not in the pages
        Uploaded second = sdist("read.journal", "1.0"); // another spelling: the project's name changes with it
        wheel("read-other", "2.0", null);
        clock.advance(Duration.ofSeconds(1));
        Instant yanked = clock.instant();
        assertThat(call("POST", "/projects/read-journal/releases/1.0/yank", ALICE_AUTH, "{}").status()).isEqualTo(200);

        List<JournalEntry> all = new ArrayList<>(storedJournal("Read-Journal"));
        all.addAll(storedJournal("read.journal"));
        all.sort((a, b) -> a.serial().compareTo(b.serial()));
        String wheelName = first.file().getFileName().toString();
        String sdistName = second.file().getFileName().toString();
        assertThat(all.stream().map(e -> e.name() + "|" + e.version() + "|" + e.action() + "|" + e.submittedBy()
                + "|" + e.submitted()).toList()).containsExactly(
                "Read-Journal|null|create|alice|" + first.at(),
                "Read-Journal|null|add Owner alice|alice|" + first.at(),
                "Read-Journal|1.0|new release|alice|" + first.at(),
                "Read-Journal|1.0|add py3 file " + wheelName + "|alice|" + first.at(),
                "read.journal|1.0|add source file " + sdistName + "|alice|" + second.at(),
                "read.journal|1.0|yank release|alice|" + yanked);

        // the whole journal in one page (the default limit), no next
        assertThat(ok(call("GET", "/projects/read-journal/journal", BOB_AUTH, null)))
                .isEqualTo(tree(page("read.journal", "read-journal", all, null)));
        // pages of two: next is the last serial of a page, null on the last one
        long s2 = all.get(1).serial().value();
        long s4 = all.get(3).serial().value();
        assertThat(ok(call("GET", "/projects/Read_Journal/journal?limit=2", BOB_AUTH, null)))
                .isEqualTo(tree(page("read.journal", "read-journal", all.subList(0, 2), s2)));
        assertThat(ok(call("GET", "/projects/read-journal/journal?limit=2&after=" + s2, BOB_AUTH, null)))
                .isEqualTo(tree(page("read.journal", "read-journal", all.subList(2, 4), s4)));
        assertThat(ok(call("GET", "/projects/read-journal/journal?after=" + s4 + "&limit=2", BOB_AUTH, null)))
                .isEqualTo(tree(page("read.journal", "read-journal", all.subList(4, 6), null)));
        // after a serial between the project's own entries: the next ones above it
        long otherSerial = storedJournal("read-other").get(0).serial().value();
        assertThat(otherSerial).isBetween(all.get(3).serial().value(), all.get(4).serial().value());
        assertThat(ok(call("GET", "/projects/read-journal/journal?after=" + otherSerial, BOB_AUTH, null)))
                .isEqualTo(tree(page("read.journal", "read-journal", all.subList(4, 6), null)));
        // after the last: an empty page
        assertThat(ok(call("GET", "/projects/read-journal/journal?after=" + all.get(5).serial().value(), BOB_AUTH,
                null))).isEqualTo(tree(page("read.journal", "read-journal", List.of(), null)));
        // limit 1000 is allowed, and the page is exact: 6 entries, no next
        assertThat(ok(call("GET", "/projects/read-journal/journal?limit=1000", BOB_AUTH, null)))
                .isEqualTo(tree(page("read.journal", "read-journal", all, null)));
    }

    @Test
    void aBadLimitOrAfterIs400() throws Exception {
        wheel("read-limits", "1.0", null);
        for (String query : List.of("limit=0", "limit=1001", "limit=-1", "limit=ten", "limit=")) {
            refused(call("GET", "/projects/read-limits/journal?" + query, BOB_AUTH, null), 400,
                    "limit: a whole number from 1 to 1000");
        }
        refused(call("GET", "/projects/read-limits/journal?after=x", BOB_AUTH, null), 400,
                "after: a whole number from 0 to " + Long.MAX_VALUE / 2);
    }
}
