package dev.cheeseshop.http;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.app.Settings;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Download counts over HTTP on the selected backend, on a server whose clock the test moves and
 * whose background flush is an hour away, so that each flush is the test's own
 * ({@code downloads().flush()}) or the one at shutdown. Expected rows and totals are counted from
 * the requests the test makes; days are written out as dates.
 */
class DownloadCountsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-10T22:00:00Z");
    /** 2026-03-10 in days since 1970-01-01. */
    private static final long MARCH_10 = 20522;
    private static final String WHEEL = "demo-1.0-py3-none-any.whl";
    private static final String SDIST = "demo-1.0.tar.gz";

    private final MutableClock clock = new MutableClock(START);
    private TestServer server;
    private DistFile wheel;
    private DistFile sdist;

    private void start(boolean counted) {
        server = TestServer.start(settings -> settings.withDownloads(new Settings.Downloads(counted, Duration.ofHours(1))),
                clock);
        List<DistFile> files = new Seed(server).release("Demo", "1.0", null,
                Seed.wheel(WHEEL, "wheel bytes", "Metadata-Version: 2.1\nName: Demo\nVersion: 1.0\n"),
                Seed.sdist(SDIST, "sdist bytes"));
        wheel = files.get(0);
        sdist = files.get(1);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void onlyFullDownloadsAreCountedPerFileAndDayAndAFlushWritesOneRowPerFileAndDay() throws Exception {
        start(true);
        for (int i = 0; i < 3; i++) {
            assertThat(download(wheel).status()).isEqualTo(200);
        }
        assertThat(download(sdist).status()).isEqualTo(200);
        assertThat(download(sdist).status()).isEqualTo(200);
        String etag = download(wheel).header("ETag"); // the fourth of the wheel
        assertThat(Http.send("HEAD", file(wheel), null).status()).isEqualTo(200);
        assertThat(Http.get(file(wheel), "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(Http.get(file(wheel), "Range", "bytes=0-3").status()).isEqualTo(206);
        assertThat(Http.get(server.uri("/packages/" + wheel.path() + ".metadata")).status()).isEqualTo(200);
        assertThat(Http.get(server.uri("/packages/" + wheel.path() + "x")).status()).isEqualTo(404);

        assertThat(rows()).as("nothing written before a flush").isEmpty();
        assertThat(server.app().downloads().flush()).isEqualTo(2);
        assertThat(rows()).containsExactly(row(wheel, MARCH_10, 4), row(sdist, MARCH_10, 2));

        clock.advance(Duration.ofHours(3)); // 01:00 on 11 March
        download(wheel);
        download(wheel);
        assertThat(server.app().downloads().flush()).isEqualTo(1);
        download(wheel);
        download(sdist);
        assertThat(server.app().downloads().flush()).isEqualTo(2);
        assertThat(server.app().downloads().flush()).as("nothing new").isZero();
        assertThat(rows()).containsExactly(row(wheel, MARCH_10, 4), row(wheel, MARCH_10 + 1, 3),
                row(sdist, MARCH_10, 2), row(sdist, MARCH_10 + 1, 1));
    }

    @Test
    void theJsonApiShowsTheCountsAsOfTheLastFlushOverTheLastDayWeekAndMonth() throws Exception {
        start(true);
        assertThat(downloads("/pypi/demo/json")).isEqualTo(List.of(0L, 0L, 0L));
        download(wheel);
        download(sdist);
        assertThat(downloads("/pypi/demo/json")).as("not flushed yet").isEqualTo(List.of(0L, 0L, 0L));
        String before = Http.get(server.uri("/pypi/demo/json")).header("ETag");

        server.app().downloads().flush();
        Http.Response after = Http.get(server.uri("/pypi/demo/json"));
        assertThat(downloads("/pypi/demo/json")).isEqualTo(List.of(2L, 2L, 2L));
        assertThat(downloads("/pypi/demo/1.0/json")).as("a release's document shows the project's").isEqualTo(List.of(2L, 2L, 2L));
        assertThat(after.header("ETag")).isNotEqualTo(before);
        assertThat(Http.get(server.uri("/pypi/demo/json"), "If-None-Match", before).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(1)); // 11 March
        download(wheel);
        server.app().downloads().flush();
        assertThat(downloads("/pypi/demo/json")).isEqualTo(List.of(1L, 3L, 3L));
        clock.advance(Duration.ofDays(6)); // 17 March: the 10th is 7 days ago, out of the week
        server.app().downloads().flush();
        assertThat(downloads("/pypi/demo/json")).isEqualTo(List.of(0L, 1L, 3L));
        clock.advance(Duration.ofDays(23)); // 9 April: the 10th of March is 30 days ago, the 11th 29
        server.app().downloads().flush();
        assertThat(downloads("/pypi/demo/json")).isEqualTo(List.of(0L, 0L, 1L));
    }

    @Test
    void countsAreKeptAcrossARestartFlushedAtShutdown() throws Exception {
        start(true);
        download(wheel);
        download(wheel);
        download(sdist);
        server.restart(); // no flush by the test: the one at shutdown
        assertThat(rows()).containsExactly(row(wheel, MARCH_10, 2), row(sdist, MARCH_10, 1));
        assertThat(downloads("/pypi/demo/json")).isEqualTo(List.of(3L, 3L, 3L));
        download(sdist);
        server.app().downloads().flush();
        assertThat(rows()).containsExactly(row(wheel, MARCH_10, 2), row(sdist, MARCH_10, 2));
    }

    @Test
    void withCountingOffNothingIsCountedAndTheJsonSaysMinusOneAsPypiDoes() throws Exception {
        start(false);
        assertThat(download(wheel).status()).isEqualTo(200);
        assertThat(server.app().downloads()).isNull();
        server.restart();
        assertThat(rows()).isEmpty();
        assertThat(downloads("/pypi/demo/json")).isEqualTo(List.of(-1L, -1L, -1L));
    }

    @Test
    void aProjectsDownloadsOverAPeriodForThoseWhoMayReadIt() throws Exception {
        start(true);
        new Seed(server).release("other", "0.1", null, Seed.sdist("other-0.1.tar.gz", "other bytes"));
        download(wheel);
        clock.advance(Duration.ofDays(2)); // 12 March
        download(wheel);
        download(sdist);
        server.app().downloads().flush();

        JsonNode day = ok(api("/projects/Demo/downloads?period=day", Uploads.basic(BOB, BOB_PASSWORD)));
        assertThat(day.toString()).isEqualTo("{\"name\":\"Demo\",\"normalized_name\":\"demo\",\"period\":\"day\","
                + "\"from\":\"2026-03-12\",\"to\":\"2026-03-12\",\"downloads\":2,\"files\":["
                + "{\"filename\":\"demo-1.0-py3-none-any.whl\",\"downloads\":1},{\"filename\":\"demo-1.0.tar.gz\",\"downloads\":1}]}");
        JsonNode week = ok(api("/projects/demo/downloads?period=week", Uploads.basic(ALICE, ALICE_PASSWORD)));
        assertThat(week.get("from").asText()).isEqualTo("2026-03-06");
        assertThat(week.get("downloads").asLong()).isEqualTo(3);
        assertThat(week.get("files").get(0).get("downloads").asLong()).isEqualTo(2);
        JsonNode month = ok(api("/projects/demo/downloads", Uploads.basic(ALICE, ALICE_PASSWORD)));
        assertThat(month.get("period").asText()).isEqualTo("month");
        assertThat(month.get("from").asText()).isEqualTo("2026-02-11");
        assertThat(ok(api("/projects/other/downloads", Uploads.basic(ALICE, ALICE_PASSWORD))).get("files").size()).isZero();

        assertThat(api("/projects/demo/downloads?period=year", Uploads.basic(ALICE, ALICE_PASSWORD)).status()).isEqualTo(400);
        assertThat(api("/projects/nothing/downloads", Uploads.basic(ALICE, ALICE_PASSWORD)).status()).isEqualTo(404);
        assertThat(api("/projects/demo/downloads", null).status()).isEqualTo(401);
        owner("other", ALICE);
        String scoped = Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"ci\", \"projects\": [\"other\"]}");
        assertThat(api("/projects/demo/downloads", Tokens.bearer(scoped)).status()).isEqualTo(403);
        assertThat(api("/projects/other/downloads", Tokens.bearer(scoped)).status()).isEqualTo(200);
    }

    @Test
    void theTopListingIsForAdministratorsMostDownloadedFirst() throws Exception {
        start(true);
        server.app().accounts().create("root", null, "root-password-1", true);
        List<DistFile> other = new Seed(server).release("other", "0.1", null, Seed.sdist("other-0.1.tar.gz", "o"));
        new Seed(server).release("quiet", "0.1", null, Seed.sdist("quiet-0.1.tar.gz", "q"));
        download(wheel);
        clock.advance(Duration.ofDays(1));
        download(other.get(0));
        download(other.get(0));
        download(sdist);
        server.app().downloads().flush();
        String root = Uploads.basic("root", "root-password-1");

        assertThat(ok(api("/downloads/top?period=day", root)).toString()).isEqualTo("{\"period\":\"day\","
                + "\"from\":\"2026-03-11\",\"to\":\"2026-03-11\",\"projects\":["
                + "{\"name\":\"other\",\"normalized_name\":\"other\",\"downloads\":2},"
                + "{\"name\":\"Demo\",\"normalized_name\":\"demo\",\"downloads\":1}]}");
        JsonNode week = ok(api("/downloads/top?period=week&limit=1", root));
        assertThat(week.get("projects").toString()).isEqualTo(
                "[{\"name\":\"Demo\",\"normalized_name\":\"demo\",\"downloads\":2}]"); // a tie, by name
        assertThat(api("/downloads/top?limit=0", root).status()).isEqualTo(400);
        assertThat(api("/downloads/top?period=fortnight", root).status()).isEqualTo(400);

        assertThat(api("/downloads/top", Uploads.basic(BOB, BOB_PASSWORD)).status()).isEqualTo(403);
        assertThat(api("/downloads/top", null).status()).isEqualTo(401);
        owner("demo", "root");
        String rootToken = Tokens.secret(server, "root", "root-password-1", "{\"name\": \"ci\", \"projects\": [\"demo\"]}");
        assertThat(api("/downloads/top", Tokens.bearer(rootToken)).status()).as("a scoped token").isEqualTo(403);
    }

    /** Makes {@code user} an Owner of the project (a token may be scoped only to such a project). */
    private void owner(String project, String user) {
        server.app().store().write(tx -> {
            tx.roles().insert(tx.projects().find(project).orElseThrow().id(), tx.users().find(user).orElseThrow().id(),
                    RoleName.Owner);
            return null;
        });
    }

    private java.net.URI file(DistFile file) {
        return server.uri("/packages/" + file.path());
    }

    private Http.Response download(DistFile file) {
        Http.Response response = Http.get(file(file));
        assertThat(response.status()).isEqualTo(200);
        return response;
    }

    private Http.Response api(String path, String authorization) {
        return authorization == null ? Http.get(server.uri("/api/v1" + path))
                : Http.get(server.uri("/api/v1" + path), "Authorization", authorization);
    }

    private static JsonNode ok(Http.Response response) throws IOException {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** {@code info.downloads} of a JSON API document: last day, last week, last month. */
    private List<Long> downloads(String path) throws IOException {
        JsonNode info = ok(Http.get(server.uri(path))).get("info").get("downloads");
        return List.of(info.get("last_day").asLong(), info.get("last_week").asLong(), info.get("last_month").asLong());
    }

    private static List<Long> row(DistFile file, long day, long downloads) {
        return List.of(file.id(), day, downloads);
    }

    /** Every stored count as (file, day, downloads), by file then day, read with plain SQL. */
    private List<List<Long>> rows() throws Exception {
        List<List<Long>> out = new ArrayList<>();
        try (Connection conn = server.storage().connect(); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT file_id, day, downloads FROM download_counts ORDER BY file_id, day")) {
            while (rs.next()) {
                out.add(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }
}
