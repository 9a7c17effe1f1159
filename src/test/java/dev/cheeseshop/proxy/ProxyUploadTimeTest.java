package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.app.UpstreamSettings;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Nginx;
import dev.cheeseshop.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minimum age over an upstream whose Simple pages give no upload times (a static PEP 503 tree
 * on nginx), with a JSON API document ({@code /pypi/<name>/json}) beside {@code /simple/} in the
 * same tree: the times come from it, for the same bytes only, and are kept with the cached page.
 * The proxy's clock stands at 2026-06-01T12:00:00Z; every time below is written relative to it.
 */
class ProxyUploadTimeTest {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";
    private static final String POLICY = "X-Cheeseshop-Policy";
    private static final String UNKNOWN = "unknown-age 2 (no upload time, min-age 3d)";

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private Nginx nginx;
    private TestServer proxy;

    @BeforeEach
    void start() throws Exception {
        page("demo", "demo-1.0.tar.gz", "demo-1.1.tar.gz", "demo-1.2.tar.gz", "demo-1.3.tar.gz");
        write("pypi/demo/json", "{\"info\":{\"name\":\"demo\"},\"last_serial\":1,\"releases\":{"
                + "\"1.0\":[" + listed("demo-1.0.tar.gz", sha256("demo-1.0.tar.gz"), "2026-05-22T12:00:00.123456Z") + "],"
                + "\"1.1\":[" + listed("demo-1.1.tar.gz", sha256("demo-1.1.tar.gz"), "2026-05-31T12:00:00Z") + "],"
                + "\"1.3\":[" + listed("demo-1.3.tar.gz", "0".repeat(64), "2026-05-01T00:00:00Z") + "]},"
                + "\"urls\":[" + listed("demo-1.3.tar.gz", "0".repeat(64), "2026-05-01T00:00:00Z") + "]}");
        page("nojson", "nojson-1.0.tar.gz", "nojson-2.0.tar.gz");
        page("garbled", "garbled-1.0.tar.gz", "garbled-2.0.tar.gz");
        write("pypi/garbled/json", "{\"releases\": {\"1.0\": [{\"filename\": ");
        nginx = Nginx.serve(root);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        nginx.close();
    }

    @Test
    void theJsonApisTimesDecideTheAgeAndAreKeptWithThePage() throws Exception {
        proxy = proxyOf(Optional.of(Duration.ofDays(3)));

        Http.Response first = Http.get(proxy.uri("/simple/demo/"), "Accept", JSON);
        assertThat(first.status()).isEqualTo(200);
        // 1.1 is a day old; 1.2 is not in the JSON API; 1.3 is, but for other bytes
        assertThat(filenames(first)).containsExactly("demo-1.0.tar.gz");
        assertThat(json.readTree(first.body()).get("files").get(0).get("upload-time").asText())
                .isEqualTo("2026-05-22T12:00:00.123456Z");
        assertThat(first.header(POLICY)).isEqualTo("3 files hidden: min-age 1 (age 1d < 3d), " + UNKNOWN);
        assertThat(Http.get(proxy.uri("/packages/upstream/demo/demo-1.0.tar.gz")).text()).isEqualTo("bytes of demo-1.0.tar.gz");
        Http.Response young = Http.get(proxy.uri("/packages/upstream/demo/demo-1.1.tar.gz"));
        assertThat(young.status()).isEqualTo(404);
        assertThat(young.header(POLICY)).isEqualTo("1 file hidden: min-age 1 (age 1d < 3d)");

        // Two days on, past the TTL: nginx confirms the page (304), and the cached times make 1.1 old enough.
        clock.advance(Duration.ofDays(2));
        Http.Response later = Http.get(proxy.uri("/simple/demo/"), "Accept", JSON);
        assertThat(filenames(later)).containsExactly("demo-1.0.tar.gz", "demo-1.1.tar.gz");
        assertThat(later.header(POLICY)).isEqualTo("2 files hidden: " + UNKNOWN);

        // The page changes (1.2 and 1.3 gone): its 200 takes the times of the cached page, without the JSON API.
        page("demo", "demo-1.0.tar.gz", "demo-1.1.tar.gz");
        clock.advance(Duration.ofHours(1));
        Http.Response changed = Http.get(proxy.uri("/simple/demo/"), "Accept", JSON);
        assertThat(filenames(changed)).containsExactly("demo-1.0.tar.gz", "demo-1.1.tar.gz");
        assertThat(changed.header(POLICY)).isNull();

        List<String> requests = nginx.requests();
        assertThat(requests).filteredOn(line -> line.startsWith("GET /simple/demo/ "))
                .containsExactly("GET /simple/demo/ 200", "GET /simple/demo/ 304", "GET /simple/demo/ 200");
        assertThat(requests).filteredOn(line -> line.contains("/pypi/")).containsExactly("GET /pypi/demo/json 200");
    }

    @Test
    void withoutAJsonApiDocumentOrWithABrokenOneEveryFileIsOfUnknownAge() throws Exception {
        proxy = proxyOf(Optional.of(Duration.ofDays(3)));

        for (String project : List.of("nojson", "garbled")) {
            Http.Response page = Http.get(proxy.uri("/simple/" + project + "/"), "Accept", JSON);
            assertThat(page.status()).as(project).isEqualTo(200);
            assertThat(filenames(page)).as(project).isEmpty();
            assertThat(page.header(POLICY)).as(project).isEqualTo("2 files hidden: " + UNKNOWN);
            Http.Response html = Http.get(proxy.uri("/simple/" + project + "/"), "Accept", "text/html");
            assertThat(html.status()).as(project).isEqualTo(200);
            assertThat(html.text()).as(project).doesNotContain(".tar.gz");
        }
        assertThat(nginx.requests()).filteredOn(line -> line.contains("/pypi/"))
                .containsExactly("GET /pypi/nojson/json 404", "GET /pypi/garbled/json 200");
    }

    @Test
    void withoutAMinimumAgeTheJsonApiIsNeverAsked() throws Exception {
        proxy = proxyOf(Optional.empty());

        Http.Response page = Http.get(proxy.uri("/simple/demo/"), "Accept", JSON);

        assertThat(filenames(page)).containsExactly("demo-1.0.tar.gz", "demo-1.1.tar.gz", "demo-1.2.tar.gz",
                "demo-1.3.tar.gz");
        for (JsonNode file : json.readTree(page.body()).get("files")) {
            assertThat(file.has("upload-time")).as(file.toString()).isFalse();
        }
        assertThat(page.header(POLICY)).isNull();
        assertThat(nginx.requests()).contains("GET /simple/demo/ 200").noneMatch(line -> line.contains("/pypi/"));
    }

    private TestServer proxyOf(Optional<Duration> minAge) {
        URI upstream = URI.create(nginx.url() + "/simple/");
        return TestServer.start(s -> s.withUpstream(Optional.of(UpstreamSettings.of(upstream).withMinAge(minAge))), clock);
    }

    private List<String> filenames(Http.Response page) throws IOException {
        List<String> names = new ArrayList<>();
        json.readTree(page.body()).get("files").forEach(file -> names.add(file.get("filename").asText()));
        return names;
    }

    /** A PEP 503 page of {@code project} linking each file (its bytes under {@code files/}) with its sha256. */
    private void page(String project, String... filenames) throws Exception {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        for (String filename : filenames) {
            write("files/" + filename, "bytes of " + filename);
            html.append("<a href=\"../../files/").append(filename).append("#sha256=").append(sha256(filename))
                    .append("\">").append(filename).append("</a>\n");
        }
        write("simple/" + project + "/index.html", html.append("</body></html>\n").toString());
    }

    /** A file object of the JSON API, in pypi.org's shape. */
    private static String listed(String filename, String sha256, String uploadTime) {
        return "{\"filename\":\"" + filename + "\",\"digests\":{\"md5\":\"" + "1".repeat(32) + "\",\"sha256\":\"" + sha256
                + "\"},\"packagetype\":\"sdist\",\"upload_time\":\"" + uploadTime.substring(0, 19)
                + "\",\"upload_time_iso_8601\":\"" + uploadTime + "\",\"url\":\"https://files.example/" + filename + "\"}";
    }

    /** The sha256 of the bytes {@link #page} writes for {@code filename}. */
    private static String sha256(String filename) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("bytes of " + filename).getBytes(StandardCharsets.UTF_8)));
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
