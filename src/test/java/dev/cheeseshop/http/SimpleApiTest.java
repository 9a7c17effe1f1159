package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Simple API over HTTP: pages, links, redirects, 404s and headers. The server's clock stands
 * still at {@link #NOW}, so every file's upload time is known.
 */
class SimpleApiTest {
    private static final Instant NOW = Instant.parse("2024-11-06T22:37:09.000250Z");
    private static final String WHEEL = "wheel bytes";
    private static final String WHEEL_METADATA = "Metadata-Version: 2.1\nName: Foo.Bar\n";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(settings -> settings, new MutableClock(NOW));
        Seed seed = new Seed(server);
        seed.release("Foo.Bar", "1.0", ">=3.8", Seed.sdist("foo_bar-1.0.tar.gz", "sdist bytes"),
                Seed.wheel("foo_bar-1.0-py3-none-any.whl", WHEEL, WHEEL_METADATA));
        seed.release("Foo.Bar", "0.9", null, Seed.sdist("foo_bar-0.9.tar.gz", "older sdist"));
        seed.release("zope", "10.0", null, Seed.sdist("zope-10.0.tar.gz", "zope"));
        seed.release("yanked-demo", "1.0", null, Seed.sdist("yanked_demo-1.0.tar.gz", "y1"));
        seed.release("yanked-demo", "2.0", null, Seed.sdist("yanked_demo-2.0.tar.gz", "y2"));
        seed.release("yanked-demo", "3.0", null, Seed.sdist("yanked_demo-3.0.tar.gz", "y3"));
        seed.yank("yanked-demo", "1.0", "broken <build>");
        seed.yank("yanked-demo", "2.0", null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theIndexListsEveryProjectByDisplayNameWithTheLastSerial() {
        Http.Response response = Http.get(server.uri("/simple/"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(response.text()).contains("<a href=\"/simple/foo-bar/\">Foo.Bar</a>\n<a href=\"/simple/yanked-demo/\">yanked-demo</a>\n<a href=\"/simple/zope/\">zope</a>");
        assertThat(response.header("X-PyPI-Last-Serial")).isEqualTo(Long.toString(lastSerial()));
    }

    @Test
    void theProjectPageLinksEveryFileInVersionOrderWithHashesAndMetadata() {
        Http.Response response = Http.get(server.uri("/simple/foo-bar/"));
        assertThat(response.status()).isEqualTo(200);
        String html = response.text();
        assertThat(html).containsSubsequence("foo_bar-0.9.tar.gz", "foo_bar-1.0-py3-none-any.whl", "foo_bar-1.0.tar.gz");
        String metadata = sha256(WHEEL_METADATA);
        assertThat(html).contains("<a href=\"../../packages/" + path(WHEEL, "foo_bar-1.0-py3-none-any.whl")
                + "#sha256=" + sha256(WHEEL) + "\" data-requires-python=\"&gt;=3.8\" data-dist-info-metadata=\"sha256="
                + metadata + "\" data-core-metadata=\"sha256=" + metadata + "\">foo_bar-1.0-py3-none-any.whl</a><br />");
        assertThat(html).contains("<meta name=\"pypi:repository-version\" content=\"1.4\">");
        long serial = projectSerial("foo-bar");
        assertThat(response.header("X-PyPI-Last-Serial")).isEqualTo(Long.toString(serial));
        assertThat(html).endsWith("<!--SERIAL " + serial + "-->");
        assertThat(response.header("Vary")).isEqualTo("Accept");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void theJsonProjectPageHasEveryFileWithItsHashesSizeTimeAndMetadata() {
        Http.Response response = Http.get(server.uri("/simple/foo-bar/"), "Accept", "application/vnd.pypi.simple.v1+json");
        assertThat(response.header("Content-Type")).isEqualTo("application/vnd.pypi.simple.v1+json");
        String metadata = sha256(WHEEL_METADATA);
        long serial = projectSerial("foo-bar");
        assertThat(response.text()).contains("{\"core-metadata\":{\"sha256\":\"" + metadata
                + "\"},\"data-dist-info-metadata\":{\"sha256\":\"" + metadata
                + "\"},\"filename\":\"foo_bar-1.0-py3-none-any.whl\",\"hashes\":{\"sha256\":\"" + sha256(WHEEL)
                + "\"},\"provenance\":null,\"requires-python\":\">=3.8\",\"size\":11,"
                + "\"upload-time\":\"2024-11-06T22:37:09.000250Z\",\"url\":\"../../packages/"
                + path(WHEEL, "foo_bar-1.0-py3-none-any.whl") + "\",\"yanked\":false}");
        assertThat(response.text()).endsWith("],\"meta\":{\"_last-serial\":" + serial
                + ",\"api-version\":\"1.4\"},\"name\":\"foo-bar\",\"project-status\":{\"status\":\"active\"},"
                + "\"versions\":[\"0.9\",\"1.0\"]}\n");
        assertThat(response.header("X-PyPI-Last-Serial")).isEqualTo(Long.toString(serial));
    }

    @Test
    void theJsonIndexCarriesEveryProjectsLastSerial() {
        Http.Response response = Http.get(server.uri("/simple/"), "Accept", "application/vnd.pypi.simple.v1+json");
        assertThat(response.header("Content-Type")).isEqualTo("application/vnd.pypi.simple.v1+json");
        assertThat(response.text()).startsWith("{\"meta\":{\"_last-serial\":" + lastSerial() + ",\"api-version\":\"1.4\"},"
                + "\"projects\":[{\"_last-serial\":" + projectSerial("foo-bar") + ",\"name\":\"Foo.Bar\"},");
        assertThat(response.header("X-PyPI-Last-Serial")).isEqualTo(Long.toString(lastSerial()));
    }

    @Test
    void yankedReleasesAreMarkedWithTheirReason() {
        String html = Http.get(server.uri("/simple/yanked-demo/")).text();
        assertThat(html).contains("data-yanked=\"broken &lt;build&gt;\" >yanked_demo-1.0.tar.gz</a>")
                .contains("data-yanked=\"\" >yanked_demo-2.0.tar.gz</a>")
                .contains("#sha256=" + sha256("y3")
                        + "\" >yanked_demo-3.0.tar.gz</a>");
        String json = Http.get(server.uri("/simple/yanked-demo/"), "Accept", "application/vnd.pypi.simple.v1+json").text();
        assertThat(json).containsSubsequence("\"yanked\":\"broken <build>\"}", "\"yanked\":true}", "\"yanked\":false}");
    }

    @Test
    void anyOtherSpellingRedirectsToTheNormalizedPage() {
        for (String path : List.of("/simple/Foo.Bar/", "/simple/FOO_BAR/", "/simple/foo--bar/", "/simple/Foo.Bar")) {
            Http.Response response = Http.get(server.uri(path));
            assertThat(response.status()).as(path).isEqualTo(301);
            assertThat(response.header("Location")).as(path).isEqualTo("/simple/foo-bar/");
        }
        assertThat(Http.get(server.uri("/simple/Foo.Bar/?x=1")).header("Location")).isEqualTo("/simple/foo-bar/?x=1");
    }

    @Test
    void theIndexWithoutItsSlashRedirects() {
        Http.Response response = Http.get(server.uri("/simple"));
        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("Location")).isEqualTo("/simple/");
    }

    @Test
    void anUnknownProjectIsA404InPlainText() {
        Http.Response response = Http.get(server.uri("/simple/no-such-project/"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        assertThat(response.text()).isEqualTo("404 Not Found");
    }

    @Test
    void headAnswersWithoutABody() {
        Http.Response response = Http.send("HEAD", server.uri("/simple/foo-bar/"), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("X-PyPI-Last-Serial")).isNotNull();
    }

    @Test
    void otherMethodsAreNotAllowed() {
        Http.Response response = Http.send("DELETE", server.uri("/simple/foo-bar/"), null);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("GET");
    }

    private static String sha256(String content) {
        return Seed.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Where pypi.org's layout keeps a file: its BLAKE2b-256 in hex, split 2/2/60, then its name. */
    private static String path(String content, String filename) {
        String b2 = Seed.blake2b(content.getBytes(StandardCharsets.UTF_8));
        return b2.substring(0, 2) + "/" + b2.substring(2, 4) + "/" + b2.substring(4) + "/" + filename;
    }

    private static long lastSerial() {
        return server.app().store().read(tx -> tx.journal().last()).orElseThrow().value();
    }

    private static long projectSerial(String normalized) {
        return server.app().store().read(tx -> tx.projects().find(normalized)).orElseThrow().lastSerial().value();
    }
}
