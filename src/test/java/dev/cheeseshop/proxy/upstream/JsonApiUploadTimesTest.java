package dev.cheeseshop.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.proxy.Upstream.UploadTime;
import dev.cheeseshop.proxy.UpstreamUnavailable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpUpstream#uploadTimes}: a project's JSON API document ({@code <root>/../pypi/<name>/json})
 * read for its files' sha256 and upload times, against fixture servers. The expected values are
 * written by hand from {@code src/test/resources/upstream/pypi-json-api.json} (pypi.org's shape).
 */
class JsonApiUploadTimesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STALL = Duration.ofSeconds(2);

    @Test
    void timesAreReadFromReleasesAndUrlsInPypisShape() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/pypi/demo/json", 200, resource("pypi-json-api.json"), "Content-Type", "application/json");
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            Map<String, UploadTime> times = upstream.uploadTimes("demo");

            // demo-0.9.zip has no sha256, demo-0.9-py3-none-any.whl no readable time, ../evil-0.9.tar.gz no usable name
            assertThat(times).isEqualTo(Map.of(
                    "demo-0.9.tar.gz", new UploadTime("a".repeat(64), Instant.parse("2020-05-06T07:08:09.654321Z")),
                    "demo-1.0-py3-none-any.whl", new UploadTime("b".repeat(64),
                            Instant.parse("2026-01-02T03:04:05.123456Z")),
                    "demo-1.0.tar.gz", new UploadTime("c".repeat(64), Instant.parse("2026-01-02T03:04:06Z"))));
            FixtureServer.Request request = server.requests("/pypi/demo/json").get(0);
            assertThat(request.header("Accept")).contains("application/json");
            assertThat(request.header("Accept-Encoding")).contains("gzip");
            assertThat(request.header("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).startsWith("Cheeseshop/"));
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void urlsAloneAndAGzippedUntypedDocumentAreRead() throws Exception {
        String json = "{\"info\":{\"name\":\"demo\"},\"urls\":[{\"filename\":\"demo-2.0.tar.gz\",\"digests\":{\"sha256\":\""
                + "f".repeat(64) + "\"},\"upload_time_iso_8601\":\"2026-03-04T05:06:07+02:00\"}]}";
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/pypi/demo/json", 200, gzip(json), "Content-Encoding", "gzip");
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            assertThat(upstream.uploadTimes("demo")).isEqualTo(Map.of(
                    "demo-2.0.tar.gz", new UploadTime("f".repeat(64), Instant.parse("2026-03-04T03:06:07Z"))));
        }
    }

    @Test
    void theUrlIsPypiNameJsonBesideTheRoot() throws Exception {
        byte[] empty = "{\"releases\":{},\"urls\":[]}".getBytes(StandardCharsets.UTF_8);
        try (FixtureServer server = FixtureServer.start()) {
            for (String path : List.of("/pypi/demo/json", "/mirror/pypi/demo/json")) {
                server.answer(path, 200, empty, "Content-Type", "application/json");
            }
            for (String root : List.of("/simple/", "/", "/mirror/simple")) {
                assertThat(new HttpUpstream(server.uri(root).toString(), TIMEOUT).uploadTimes("demo")).as(root).isEmpty();
            }
            assertThat(server.requests()).extracting(FixtureServer.Request::path)
                    .containsExactly("/pypi/demo/json", "/pypi/demo/json", "/mirror/pypi/demo/json");
            assertThatThrownBy(() -> new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT).uploadTimes("../x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void notFoundIsNoTimesAndEveryOtherFailureIsUnavailable() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write("{\"releases\":".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 65; i++) {
                gzip.write(spaces);
            }
            gzip.write("{}}".getBytes(StandardCharsets.US_ASCII));
        }
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/pypi/gone/json", 410, "Gone".getBytes(StandardCharsets.UTF_8));
            server.answer("/pypi/broken/json", 500, "oops".getBytes(StandardCharsets.UTF_8));
            server.answer("/pypi/garbled/json", 200, "{\"releases\": {\"1.0\": [nope".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json");
            server.answer("/pypi/cut/json", 200, "{\"releases\": {\"1.0\": [".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json");
            server.answer("/pypi/html/json", 200, "<html><body>Not here</body></html>".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "text/html");
            server.answer("/pypi/list/json", 200, "[]".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
            server.answer("/pypi/bomb/json", 200, bomb.toByteArray(), "Content-Type", "application/json",
                    "Content-Encoding", "gzip");
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);
            String host = "upstream " + server.host() + ": ";

            assertThat(upstream.uploadTimes("missing")).isEmpty(); // the fixture's 404
            assertThat(upstream.uploadTimes("gone")).isEmpty();
            assertThatThrownBy(() -> upstream.uploadTimes("broken")).isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage(host + "answered HTTP 500 for the JSON API document of broken");
            assertThatThrownBy(() -> upstream.uploadTimes("garbled")).isInstanceOf(UpstreamUnavailable.class)
                    .hasMessageStartingWith(host + "the JSON API document of garbled is unreadable: invalid JSON (")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> upstream.uploadTimes("cut")).isInstanceOf(UpstreamUnavailable.class)
                    .hasMessageStartingWith(host + "the JSON API document of cut is unreadable: ");
            assertThatThrownBy(() -> upstream.uploadTimes("html")).isInstanceOf(UpstreamUnavailable.class)
                    .hasMessageStartingWith(host + "the JSON API document of html is unreadable: invalid JSON (");
            assertThatThrownBy(() -> upstream.uploadTimes("list")).isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage(host + "the JSON API document of list is unreadable: the JSON API document is not an object");
            assertThatThrownBy(() -> upstream.uploadTimes("bomb")).isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage(host + "the JSON API document of bomb is larger than 64 MiB");
        }
    }

    @Test
    void theWholeDocumentMustComeWithinTheTimeout() {
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/pypi/demo/json", server.stall("{\"releases\": {".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json"));
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), STALL);

            assertThatThrownBy(() -> upstream.uploadTimes("demo")).isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + server.host() + ": the answer was not complete within 2 s");
        }
    }

    @Test
    void credentialsGoToTheRootsOriginOnlyAsForPages() throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3cr@t".getBytes(StandardCharsets.UTF_8));
        byte[] json = ("{\"urls\":[{\"filename\":\"demo-1.0.tar.gz\",\"digests\":{\"sha256\":\"" + "a".repeat(64)
                + "\"},\"upload_time_iso_8601\":\"2026-01-02T03:04:05Z\"}]}").getBytes(StandardCharsets.UTF_8);
        try (FixtureServer root = FixtureServer.start(); FixtureServer cdn = FixtureServer.start()) {
            root.answer("/pypi/demo/json", 200, json, "Content-Type", "application/json");
            root.answer("/pypi/moved/json", 302, new byte[0], "Location", cdn.uri("/pypi/moved/json").toString());
            root.answer("/pypi/broken/json", 503, new byte[0]);
            cdn.answer("/pypi/moved/json", 200, json, "Content-Type", "application/json");
            HttpUpstream upstream = new HttpUpstream(
                    "http://alice:s3cr%40t@127.0.0.1:" + root.uri("/").getPort() + "/simple/", TIMEOUT);
            Map<String, UploadTime> one = Map.of(
                    "demo-1.0.tar.gz", new UploadTime("a".repeat(64), Instant.parse("2026-01-02T03:04:05Z")));

            assertThat(upstream.uploadTimes("demo")).isEqualTo(one);
            assertThat(upstream.uploadTimes("moved")).isEqualTo(one);
            List<String> messages = new ArrayList<>();
            try {
                upstream.uploadTimes("broken");
            } catch (UpstreamUnavailable e) {
                messages.add(e.getMessage());
            }

            assertThat(root.requests()).extracting(FixtureServer.Request::path)
                    .containsExactly("/pypi/demo/json", "/pypi/moved/json", "/pypi/broken/json");
            assertThat(root.requests()).extracting(r -> r.header("Authorization")).containsOnly(Optional.of(expected));
            assertThat(cdn.requests()).extracting(r -> r.header("Authorization")).containsExactly(Optional.empty());
            assertThat(messages).containsExactly("upstream " + root.host()
                    + ": answered HTTP 503 for the JSON API document of broken");
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = JsonApiUploadTimesTest.class.getResourceAsStream("/upstream/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
