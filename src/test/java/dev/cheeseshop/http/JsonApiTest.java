package dev.cheeseshop.http;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API over HTTP on a real server: the document of a real upload against its golden,
 * the latest-release rule, canonical version look-up, yanked releases, redirects, 404s, headers,
 * conditional GET, and absolute URLs made from the Host the client used.
 */
class JsonApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CORS_HEADERS =
            "Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since";

    /** The server's clock: the wheel is uploaded at this instant, the sdist 1.5 s later. */
    private static final Instant UPLOADED = Instant.parse("2026-04-05T06:07:08.000900Z");

    private static TestServer server;
    private static byte[] wheelBytes;
    private static byte[] sdistBytes;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        MutableClock clock = new MutableClock(UPLOADED);
        // Downloads are counted (none is flushed here: nothing is downloaded before the hour is up).
        server = TestServer.start(settings -> settings.withDownloads(
                new dev.cheeseshop.app.Settings.Downloads(true, Duration.ofHours(1))), clock);
        Path wheel = TestArchives.wheel("Json.Demo", "1.0.0").writeTo(tmp);
        wheelBytes = Files.readAllBytes(wheel);
        Http.Response first = upload(wheel, "bdist_wheel", "py3", List.of(
                "metadata_version", "2.1", "name", "Json.Demo", "version", "1.0.0",
                "summary", "A demo for the JSON API", "description", "Line one\nLine two \u00e9",
                "description_content_type", "text/plain", "keywords", "json,  api",
                "home_page", "https://demo.example", "author", "Demo Author", "author_email", "demo@example.org",
                "license", "MIT",
                "classifiers", "Programming Language :: Python :: 3.10",
                "classifiers", "Programming Language :: Python :: 3.9",
                "requires_dist", "requests>=2.0", "requires_dist", "rich; extra == \"cli\"",
                "requires_python", ">=3.8, <4", "project_urls", "Source, https://git.example/demo",
                "provides_extra", "cli", "comment", "first build"));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        clock.advance(Duration.ofMillis(1500));
        Path sdist = TestArchives.sdist("Json.Demo", "1.0.0").writeTo(tmp);
        sdistBytes = Files.readAllBytes(sdist);
        Http.Response second = upload(sdist, "sdist", "source", List.of(
                "metadata_version", "2.1", "name", "Json.Demo", "version", "1.0.0",
                "summary", "Later uploads do not change the release's metadata"));
        assertThat(second.status()).as(second.text()).isEqualTo(200);

        Seed seed = new Seed(server);
        // Upload order differs from version order on purpose.
        seed.release("Order.Demo", "1.10", null, Seed.sdist("order_demo-1.10.tar.gz", "1.10"));
        seed.release("Order.Demo", "2.0rc1", null, Seed.sdist("order_demo-2.0rc1.tar.gz", "2.0rc1"));
        seed.release("Order.Demo", "1.9", null, Seed.sdist("order_demo-1.9.tar.gz", "1.9"));
        seed.release("Order.Demo", "0.1", null);
        seed.release("Yank.Demo", "1.0", null, Seed.sdist("yank_demo-1.0.tar.gz", "yank 1.0"));
        seed.release("Yank.Demo", "2.0", null, Seed.sdist("yank_demo-2.0.tar.gz", "yank 2.0"));
        seed.release("Etag.Demo", "1.0", null, Seed.sdist("etag_demo-1.0.tar.gz", "etag 1.0"));
        server.app().store().write(tx -> tx.projects().insert(ProjectName.of("Empty.Project"), Instant.now()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theDocumentOfARealUploadMatchesTheGolden() {
        Http.Response response = Http.get(server.uri("/pypi/json-demo/json"));
        assertThat(response.status()).isEqualTo(200);
        // Digests, paths and sizes from the bytes sent (the JDK's MD5 and SHA-256, Bouncy Castle's
        // BLAKE2b), not from what the server stored; the METADATA is the one put into the wheel.
        Digests wheel = Seed.digests(wheelBytes);
        Digests sdist = Seed.digests(sdistBytes);
        String metadataSha256 = Seed.sha256(TestArchives.metadata("Json.Demo", "1.0.0").getBytes(StandardCharsets.UTF_8));
        String fileTemplate = "{\"comment_text\":%s,\"core-metadata\":%s,\"digests\":{\"blake2b_256\":\"%s\","
                + "\"md5\":\"%s\",\"sha256\":\"%s\"},\"downloads\":-1,\"filename\":\"%s\",\"has_sig\":false,"
                + "\"md5_digest\":\"%s\",\"packagetype\":\"%s\",\"python_version\":\"%s\","
                + "\"requires_python\":\"<4,>=3.8\",\"size\":%d,\"upload_time\":\"%s\",\"upload_time_iso_8601\":\"%s\","
                + "\"url\":\"%s/packages/%s\",\"yanked\":false,\"yanked_reason\":null}";
        String urls = "[" + String.format(fileTemplate, "\"first build\"",
                "{\"sha256\":\"" + metadataSha256 + "\"}", wheel.blake2b256(),
                wheel.md5(), wheel.sha256(), "json_demo-1.0.0-py3-none-any.whl",
                wheel.md5(), "bdist_wheel", "py3", wheelBytes.length, "2026-04-05T06:07:08",
                "2026-04-05T06:07:08.000900Z", server.url(), path(wheel, "json_demo-1.0.0-py3-none-any.whl"))
                + "," + String.format(fileTemplate, "null", "false", sdist.blake2b256(),
                sdist.md5(), sdist.sha256(), "json_demo-1.0.0.tar.gz",
                sdist.md5(), "sdist", "source", sdistBytes.length, "2026-04-05T06:07:09",
                "2026-04-05T06:07:09.500900Z", server.url(), path(sdist, "json_demo-1.0.0.tar.gz")) + "]";
        String base = server.url();
        String expected = "{\"info\":{\"author\":\"Demo Author\",\"author_email\":\"demo@example.org\","
                + "\"bugtrack_url\":null,\"classifiers\":[\"Programming Language :: Python :: 3.9\","
                + "\"Programming Language :: Python :: 3.10\"],\"description\":\"Line one\\nLine two \u00e9\","
                + "\"description_content_type\":\"text/plain\",\"docs_url\":null,\"download_url\":null,"
                + "\"downloads\":{\"last_day\":0,\"last_month\":0,\"last_week\":0},\"dynamic\":null,"
                + "\"home_page\":\"https://demo.example\",\"keywords\":\"json, api\",\"license\":\"MIT\","
                + "\"license_expression\":null,\"license_files\":null,\"maintainer\":null,\"maintainer_email\":null,"
                + "\"name\":\"Json.Demo\",\"package_url\":\"" + base + "/project/Json.Demo/\",\"platform\":null,"
                + "\"project_url\":\"" + base + "/project/Json.Demo/\",\"project_urls\":{"
                + "\"Homepage\":\"https://demo.example\",\"Source\":\"https://git.example/demo\"},"
                + "\"provides_extra\":[\"cli\"],\"release_url\":\"" + base + "/project/Json.Demo/1.0.0/\","
                + "\"requires_dist\":[\"requests>=2.0\",\"rich; extra == \\\"cli\\\"\"],"
                + "\"requires_python\":\"<4,>=3.8\",\"summary\":\"A demo for the JSON API\",\"version\":\"1.0.0\","
                + "\"yanked\":false,\"yanked_reason\":null},\"last_serial\":" + serial("json-demo") + ","
                + "\"ownership\":{\"organization\":null,\"roles\":[{\"role\":\"Owner\",\"user\":\"alice\"}]},"
                + "\"releases\":{\"1.0.0\":" + urls + "},\"urls\":" + urls + ",\"vulnerabilities\":[]}\n";
        assertThat(response.text()).isEqualTo(expected);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("X-PyPI-Last-Serial")).isEqualTo(Long.toString(serial("json-demo")));
        assertThat(response.header("Cache-Control")).isEqualTo("max-age=900, public");
        assertThat(response.header("ETag")).matches("\"[A-Za-z0-9+/]{22}\"");
        assertCors(response);
    }

    @Test
    void aReleaseIsFoundByItsCanonicalVersionWithoutARedirect() throws IOException {
        Http.Response exact = Http.get(server.uri("/pypi/json-demo/1.0.0/json"));
        assertThat(exact.status()).isEqualTo(200);
        JsonNode doc = JSON.readTree(exact.body());
        assertThat(doc.path("info").path("version").asText()).isEqualTo("1.0.0");
        assertThat(doc.has("releases")).isFalse();
        assertThat(doc.path("urls")).hasSize(2);
        for (String spelling : List.of("1", "1.0", "1.0.0.0", "v1.0", "1.0.0/")) {
            Http.Response other = Http.get(server.uri("/pypi/json-demo/" + spelling.replace("/", "") + "/json"
                    + (spelling.endsWith("/") ? "/" : "")));
            assertThat(other.status()).as(spelling).isEqualTo(200);
            assertThat(other.body()).as(spelling).isEqualTo(exact.body());
        }
    }

    @Test
    void theTrailingSlashFormsAnswerTheSame() {
        assertThat(Http.get(server.uri("/pypi/json-demo/json/")).body())
                .isEqualTo(Http.get(server.uri("/pypi/json-demo/json")).body());
    }

    @Test
    void latestIsTheHighestFinalVersionNotTheLastUploadAndReleasesAreInStringOrder() throws IOException {
        JsonNode doc = JSON.readTree(Http.get(server.uri("/pypi/order-demo/json")).body());
        assertThat(doc.path("info").path("version").asText()).isEqualTo("1.10");
        List<String> versions = new ArrayList<>();
        doc.path("releases").fieldNames().forEachRemaining(versions::add);
        assertThat(versions).containsExactly("0.1", "1.10", "1.9", "2.0rc1");
        assertThat(doc.path("releases").path("0.1")).isEmpty();
        assertThat(doc.path("urls").get(0).path("filename").asText()).isEqualTo("order_demo-1.10.tar.gz");
    }

    @Test
    void aYankedLatestIsSkippedButStaysReachableByVersion() throws Exception {
        yank("yank-demo", "2", "do not use");
        JsonNode latest = JSON.readTree(Http.get(server.uri("/pypi/yank-demo/json")).body());
        assertThat(latest.path("info").path("version").asText()).isEqualTo("1.0");
        JsonNode yankedFile = latest.path("releases").path("2.0").get(0);
        assertThat(yankedFile.path("yanked").asBoolean()).isTrue();
        assertThat(yankedFile.path("yanked_reason").asText()).isEqualTo("do not use");

        Http.Response yanked = Http.get(server.uri("/pypi/yank-demo/2.0/json"));
        assertThat(yanked.status()).isEqualTo(200);
        JsonNode doc = JSON.readTree(yanked.body());
        assertThat(doc.path("info").path("yanked").asBoolean()).isTrue();
        assertThat(doc.path("info").path("yanked_reason").asText()).isEqualTo("do not use");
        assertThat(doc.path("urls").get(0).path("yanked").asBoolean()).isTrue();
    }

    @Test
    void otherSpellingsOfTheNameRedirectToTheNormalizedOne() {
        Http.Response response = Http.get(server.uri("/pypi/Json.Demo/json"));
        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("Location")).isEqualTo(server.url() + "/pypi/json-demo/json");
        assertThat(response.text()).isEqualTo("301 Moved Permanently");
        assertThat(response.header("Cache-Control")).isEqualTo("max-age=900, public");
        assertThat(response.header("X-PyPI-Last-Serial")).isNull();
        assertCors(response);
        assertThat(Http.get(server.uri("/pypi/JSON_demo/1.0/json/?x=1&y=2")).header("Location"))
                .isEqualTo(server.url() + "/pypi/json-demo/1.0/json/?x=1&y=2");
    }

    @Test
    void whatIsMissingIsA404WithPypisJsonBody() {
        for (String path : List.of("/pypi/no-such-project/json", "/pypi/No.Such.Project/json",
                "/pypi/json-demo/9.9/json", "/pypi/Json.Demo/9.9/json/", "/pypi/json-demo/not%20a%20version/json",
                "/pypi/empty-project/json", "/pypi/empty-project/1.0/json")) {
            Http.Response response = Http.get(server.uri(path));
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.text()).as(path).isEqualTo("{\"message\": \"Not Found\"}");
            assertThat(response.header("Content-Type")).as(path).isEqualTo("application/json");
            assertThat(response.header("X-PyPI-Last-Serial")).as(path).isNull();
            assertCors(response);
        }
    }

    @Test
    void aMatchingIfNoneMatchIsA304UntilTheProjectChanges() {
        Http.Response full = Http.get(server.uri("/pypi/etag-demo/json"));
        String etag = full.header("ETag");
        assertThat(etag).isNotNull();
        assertThat(etag).isEqualTo("\"" + Base64.getEncoder().withoutPadding().encodeToString(md5(full.body())) + "\"");

        for (String condition : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            Http.Response notModified = Http.get(server.uri("/pypi/etag-demo/json"), "If-None-Match", condition);
            assertThat(notModified.status()).as(condition).isEqualTo(304);
            assertThat(notModified.body()).as(condition).isEmpty();
            assertThat(notModified.header("ETag")).isEqualTo(etag);
            assertThat(notModified.header("X-PyPI-Last-Serial")).isEqualTo(full.header("X-PyPI-Last-Serial"));
        }
        assertThat(Http.get(server.uri("/pypi/etag-demo/json"), "If-None-Match", "\"other\"").status()).isEqualTo(200);

        new Seed(server).release("Etag.Demo", "1.1", null, Seed.sdist("etag_demo-1.1.tar.gz", "etag 1.1"));
        Http.Response changed = Http.get(server.uri("/pypi/etag-demo/json"), "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(Long.parseLong(changed.header("X-PyPI-Last-Serial")))
                .isGreaterThan(Long.parseLong(full.header("X-PyPI-Last-Serial")));
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        Http.Response get = Http.get(server.uri("/pypi/json-demo/json"));
        Http.Response head = Http.send("HEAD", server.uri("/pypi/json-demo/json"), null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.body().length));
    }

    @Test
    void absoluteUrlsFollowTheHostTheClientAskedFor() throws IOException {
        // rendered (and cached) for this address first: the cache must keep documents per base URL
        assertThat(Http.get(server.uri("/pypi/json-demo/json")).text()).contains(server.uri("/packages/").toString());
        String text = rawGet("/pypi/json-demo/json", "mirror.example:8443");
        assertThat(text).startsWith("HTTP/1.1 200 ");
        assertThat(text).contains("\"package_url\":\"http://mirror.example:8443/project/Json.Demo/\"");
        assertThat(text).contains("\"url\":\"http://mirror.example:8443/packages/");
        assertThat(text).doesNotContain("127.0.0.1");
        assertThat(rawGet("/pypi/Json.Demo/json", "mirror.example"))
                .contains("\r\nLocation: http://mirror.example/pypi/json-demo/json\r\n");
        assertThat(rawGet("/pypi/Json.Demo/json", "mirror.example:80"))
                .contains("\r\nLocation: http://mirror.example/pypi/json-demo/json\r\n");
        assertThat(rawGet("/pypi/Json.Demo/json", "[::1]:8080"))
                .contains("\r\nLocation: http://[::1]:8080/pypi/json-demo/json\r\n");
    }

    @Test
    void xmlRpcStillAnswersOnPypiAndTheJsonPathsOnlyGet() {
        Http.Response rpc = Http.send("POST", server.uri("/pypi"),
                "<?xml version='1.0'?><methodCall><methodName>changelog_last_serial</methodName><params/></methodCall>"
                        .getBytes(StandardCharsets.UTF_8), "Content-Type", "text/xml");
        assertThat(rpc.status()).isEqualTo(200);
        assertThat(rpc.text()).contains("<methodResponse>").contains("<int>");
        Http.Response post = Http.send("POST", server.uri("/pypi/json-demo/json"), new byte[0],
                "Content-Type", "text/xml");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).contains("GET");
    }

    private static void assertCors(Http.Response response) {
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo(CORS_HEADERS);
        assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET");
        assertThat(response.header("Access-Control-Max-Age")).isEqualTo("86400");
        assertThat(response.header("Access-Control-Expose-Headers")).isEqualTo("X-PyPI-Last-Serial");
    }

    private static long serial(String normalized) {
        return server.app().store().read(tx -> tx.projects().find(normalized)).orElseThrow().lastSerial().value();
    }

    /** Where pypi.org's layout keeps a file: its BLAKE2b-256 in hex, split 2/2/60, then its name. */
    private static String path(Digests digests, String filename) {
        String b2 = digests.blake2b256();
        return b2.substring(0, 2) + "/" + b2.substring(2, 4) + "/" + b2.substring(4) + "/" + filename;
    }

    /**
     * Yanks a release the way the yank use case will leave it (that use case comes with the
     * management API); the JSON API only reads the flag and the reason.
     */
    private static void yank(String project, String canonicalVersion, String reason) throws SQLException {
        try (Connection db = server.storage().connect();
                PreparedStatement update = db.prepareStatement("UPDATE releases SET yanked = TRUE, yanked_reason = ?"
                        + " WHERE canonical_version = ? AND project_id = (SELECT id FROM projects"
                        + " WHERE normalized_name = ?)")) {
            update.setString(1, reason);
            update.setString(2, canonicalVersion);
            update.setString(3, project);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** A GET with a Host header of our choosing (Java's HTTP clients will not send one). */
    private static String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A multipart upload as twine sends it, with these form fields (name, value, name, value...). */
    private static Http.Response upload(Path file, String filetype, String pyversion, List<String> fields)
            throws IOException {
        byte[] content = Files.readAllBytes(file);
        String boundary = "----json-api-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(":action", "file_upload", "protocol_version", "1",
                "filetype", filetype, "pyversion", pyversion, "sha256_digest", Seed.sha256(content)));
        all.addAll(fields);
        for (int i = 0; i + 1 < all.size(); i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + all.get(i)
                    + "\"\r\n\r\n" + all.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String credentials = Base64.getEncoder().encodeToString((ALICE + ":" + ALICE_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return Http.send("POST", server.uri("/legacy/"), body.toByteArray(),
                "Content-Type", "multipart/form-data; boundary=" + boundary, "Authorization", "Basic " + credentials);
    }

    private static byte[] md5(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
