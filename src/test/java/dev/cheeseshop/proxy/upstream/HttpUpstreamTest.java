package dev.cheeseshop.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.proxy.Upstream;
import dev.cheeseshop.proxy.Upstream.PageFetch;
import dev.cheeseshop.proxy.UpstreamUnavailable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upstream client against fixture servers: a static tree, canned answers, failures of every kind. */
class HttpUpstreamTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** For a server that never answers: whatever the machine's load, the message is the same. */
    private static final Duration SHORT = Duration.ofMillis(300);
    /** For a body that stalls once its headers have come: long enough for them to come on a loaded machine. */
    private static final Duration STALL = Duration.ofSeconds(2);
    private static final String ACCEPT =
            "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

    @TempDir
    Path dir;

    @Test
    void aStaticTreeOfHtmlWithoutValidators() throws Exception {
        byte[] sdist = "demo sdist bytes".getBytes(StandardCharsets.UTF_8);
        byte[] wheel = "demo wheel bytes".getBytes(StandardCharsets.UTF_8);
        write("simple/index.html", "<html><body><a href=\"demo/\">Demo</a>\n<a href=\"other-thing/\">Other_Thing</a></body></html>");
        write("simple/demo/index.html", "<html><head><title>Links for Demo</title></head><body>\n"
                + "<a href=\"demo-1.0.tar.gz#sha256=" + sha256(sdist) + "\">demo-1.0.tar.gz</a>\n"
                + "<a href=\"../../files/demo-1.0-py3-none-any.whl#sha256=" + sha256(wheel)
                + "\" data-requires-python=\"&gt;=3.8\">demo-1.0-py3-none-any.whl</a>\n</body></html>");
        Files.write(dir.resolve("simple/demo/demo-1.0.tar.gz"), sdist);
        Files.createDirectories(dir.resolve("files"));
        Files.write(dir.resolve("files/demo-1.0-py3-none-any.whl"), wheel);
        try (FixtureServer tree = FixtureServer.start().tree(dir)) {
            HttpUpstream upstream = new HttpUpstream(tree.uri("/simple/").toString(), TIMEOUT);

            UpstreamPage page = fetched(upstream.page("demo", Optional.empty()));
            assertThat(page).isEqualTo(new UpstreamPage("demo", "Demo", Optional.empty(), OptionalLong.empty(), List.of(
                    new UpstreamFile("demo-1.0.tar.gz", tree.uri("/simple/demo/demo-1.0.tar.gz"), Optional.of(sha256(sdist)),
                            OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    new UpstreamFile("demo-1.0-py3-none-any.whl", tree.uri("/files/demo-1.0-py3-none-any.whl"),
                            Optional.of(sha256(wheel)), OptionalLong.empty(), Optional.empty(), Optional.of(">=3.8"),
                            Optional.empty(), Optional.empty()))));
            FixtureServer.Request request = tree.requests("/simple/demo/").get(0);
            assertThat(request.header("Accept")).contains(ACCEPT);
            assertThat(request.header("Accept-Encoding")).contains("gzip");
            assertThat(request.header("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).startsWith("Cheeseshop/"));
            assertThat(request.header("If-None-Match")).isEmpty();
            assertThat(request.header("Authorization")).isEmpty();

            try (Upstream.Download download = upstream.open(page.files().get(1).url())) {
                assertThat(download.length()).isEqualTo(OptionalLong.of(wheel.length));
                assertThat(download.body().readAllBytes()).isEqualTo(wheel);
            }
            assertThat(tree.requests("/files/demo-1.0-py3-none-any.whl").get(0).header("Accept-Encoding")).isEmpty();

            List<String> names = new ArrayList<>();
            upstream.index(names::add);
            assertThat(names).containsExactly("demo", "other-thing");

            assertThat(upstream.page("missing", Optional.empty())).isInstanceOf(PageFetch.NotFound.class);
        }
    }

    @Test
    void redirectsAreFollowedAndLinksResolveAgainstTheFinalPage() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/simple/demo/", 301, new byte[0], "Location", "/moved/demo/");
            server.answer("/moved/demo/", 200, html("<a href=\"demo-1.0.tar.gz#sha256=" + "a".repeat(64)
                    + "\">demo-1.0.tar.gz</a>"), "Content-Type", "text/html; charset=utf-8");
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            UpstreamPage page = fetched(upstream.page("demo", Optional.empty()));

            assertThat(page.files()).extracting(UpstreamFile::url).containsExactly(server.uri("/moved/demo/demo-1.0.tar.gz"));
            assertThat(server.requests("/moved/demo/").get(0).header("Accept")).contains(ACCEPT);
        }
    }

    @Test
    void tooManyRedirectsAreAFailure() {
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/simple/loop/", 302, new byte[0], "Location", "/simple/loop/");
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            assertThatThrownBy(() -> upstream.page("loop", Optional.empty()))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + server.host() + ": too many redirects");
        }
    }

    @Test
    void jsonPagesWithTheirValidatorsAndConditionalGets() throws Exception {
        String sha = "c".repeat(64);
        String json = "{\"meta\":{\"_last-serial\":7,\"api-version\":\"1.1\"},\"name\":\"Demo\",\"files\":[{\"filename\":"
                + "\"demo-1.0.tar.gz\",\"url\":\"/files/demo-1.0.tar.gz\",\"hashes\":{\"sha256\":\"" + sha + "\"},"
                + "\"size\":16,\"upload-time\":\"2024-01-02T03:04:05.5Z\",\"yanked\":false}]}";
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/simple/demo/", exchange -> {
                if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    FixtureServer.send(exchange, 304, new byte[0], "ETag", "\"v1\"");
                } else {
                    FixtureServer.send(exchange, 200, json.getBytes(StandardCharsets.UTF_8), "Content-Type",
                            "application/vnd.pypi.simple.v1+json", "ETag", "\"v1\"", "X-PyPI-Last-Serial", "42");
                }
            });
            server.answer("/simple/noheader/", 200, json.replace("Demo", "noheader").getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/vnd.pypi.simple.v1+json");
            server.answer("/simple/gone/", 410, "Gone".getBytes(StandardCharsets.UTF_8));
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            UpstreamPage page = fetched(upstream.page("demo", Optional.empty()));
            assertThat(page).isEqualTo(new UpstreamPage("demo", "Demo", Optional.of("\"v1\""), OptionalLong.of(42), List.of(
                    new UpstreamFile("demo-1.0.tar.gz", server.uri("/files/demo-1.0.tar.gz"), Optional.of(sha),
                            OptionalLong.of(16), Optional.of(java.time.Instant.parse("2024-01-02T03:04:05.500Z")),
                            Optional.empty(), Optional.empty(), Optional.empty()))));

            assertThat(upstream.page("demo", Optional.of("\"v1\""))).isInstanceOf(PageFetch.NotModified.class);
            assertThat(server.requests("/simple/demo/").get(1).header("If-None-Match")).contains("\"v1\"");
            assertThat(fetched(upstream.page("noheader", Optional.empty())).serial()).isEqualTo(OptionalLong.of(7));
            assertThat(upstream.page("gone", Optional.empty())).isInstanceOf(PageFetch.NotFound.class);
        }
    }

    @Test
    void oneConnectionCarriesPagesNotModifiedAndNotFound() throws Exception {
        String json = "{\"name\":\"demo\",\"files\":[]}\n";
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/simple/demo/", exchange -> {
                if (exchange.getRequestHeaders().getFirst("If-None-Match") != null) {
                    FixtureServer.send(exchange, 304, new byte[0], "ETag", "\"v1\"");
                } else {
                    FixtureServer.send(exchange, 200, json.getBytes(StandardCharsets.UTF_8), "Content-Type",
                            "application/vnd.pypi.simple.v1+json", "ETag", "\"v1\"");
                }
            });
            server.answer("/simple/gone/", 404, "Not Found".getBytes(StandardCharsets.UTF_8));
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            assertThat(upstream.page("demo", Optional.empty())).isInstanceOf(PageFetch.Fetched.class);
            assertThat(upstream.page("demo", Optional.of("\"v1\""))).isInstanceOf(PageFetch.NotModified.class);
            assertThat(upstream.page("gone", Optional.empty())).isInstanceOf(PageFetch.NotFound.class);
            assertThat(upstream.page("demo", Optional.empty())).isInstanceOf(PageFetch.Fetched.class);

            assertThat(server.requests()).hasSize(4).extracting(FixtureServer.Request::clientPort)
                    .containsOnly(server.requests().get(0).clientPort());
        }
    }

    @Test
    void aFilenameListedTwiceIsKeptOnceAsFirstListed() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/simple/demo/", 200, html("<a href=\"one/demo-1.0.tar.gz#sha256=" + "a".repeat(64)
                    + "\">demo-1.0.tar.gz</a>\n<a href=\"two/demo-1.0.tar.gz#sha256=" + "b".repeat(64)
                    + "\">demo-1.0.tar.gz</a>\n<a href=\"demo-2.0.tar.gz\">demo-2.0.tar.gz</a>"), "Content-Type", "text/html");
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            assertThat(fetched(upstream.page("demo", Optional.empty())).files())
                    .extracting(UpstreamFile::url, UpstreamFile::sha256)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(server.uri("/simple/demo/one/demo-1.0.tar.gz"),
                                    Optional.of("a".repeat(64))),
                            org.assertj.core.groups.Tuple.tuple(server.uri("/simple/demo/demo-2.0.tar.gz"), Optional.empty()));
        }
    }

    @Test
    void aGzippedPageIsReadAndABombIsStopped() throws Exception {
        String json = "{\"name\":\"demo\",\"files\":[{\"filename\":\"demo-1.0.tar.gz\",\"url\":\"demo-1.0.tar.gz\"}]}";
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write("{\"files\":[".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 65; i++) {
                gzip.write(spaces);
            }
            gzip.write("]}".getBytes(StandardCharsets.US_ASCII));
        }
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/simple/demo/", 200, gzip(json), "Content-Type", "application/vnd.pypi.simple.v1+json",
                    "Content-Encoding", "gzip");
            server.answer("/simple/bomb/", 200, bomb.toByteArray(), "Content-Type", "application/vnd.pypi.simple.v1+json",
                    "Content-Encoding", "gzip");
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            assertThat(fetched(upstream.page("demo", Optional.empty())).files()).extracting(UpstreamFile::url)
                    .containsExactly(server.uri("/simple/demo/demo-1.0.tar.gz"));
            assertThatThrownBy(() -> upstream.page("bomb", Optional.empty()))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + server.host() + ": the page of bomb is larger than 64 MiB");
        }
    }

    @Test
    void serverErrorsAreUnavailable() {
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/simple/demo/", 503, "busy".getBytes(StandardCharsets.UTF_8));
            server.answer("/simple/", 500, "broken".getBytes(StandardCharsets.UTF_8));
            server.answer("/files/demo-1.0.tar.gz", 403, "no".getBytes(StandardCharsets.UTF_8));
            server.answer("/simple/garbled/", 200, "{\"files\": [nope".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/vnd.pypi.simple.v1+json");
            server.answer("/simple/future/", 200, ("<html><head><meta name=\"pypi:repository-version\" content=\"2.0\">"
                    + "</head><body></body></html>").getBytes(StandardCharsets.UTF_8), "Content-Type", "text/html");
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);

            assertThatThrownBy(() -> upstream.page("demo", Optional.empty()))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + server.host() + ": answered HTTP 503 for the page of demo");
            assertThatThrownBy(() -> upstream.page("future", Optional.empty()))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + server.host()
                            + ": the page of future is unreadable: Simple API version 2.0 is not supported (only 1.x)");
            assertThatThrownBy(() -> upstream.index(name -> { }))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + server.host() + ": answered HTTP 500 for the project index");
            assertThatThrownBy(() -> upstream.open(server.uri("/files/demo-1.0.tar.gz")))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + server.host() + ": answered HTTP 403 for demo-1.0.tar.gz");
            assertThatThrownBy(() -> upstream.page("garbled", Optional.empty()))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessageStartingWith("upstream " + server.host() + ": the page of garbled is unreadable: invalid JSON (")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (FixtureServer.Silent silent = new FixtureServer.Silent()) {
            HttpUpstream upstream = new HttpUpstream(silent.uri("/simple/").toString(), SHORT);

            assertThatThrownBy(() -> upstream.page("demo", Optional.empty()))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + silent.host() + ": no answer within 300 ms");
            assertThatThrownBy(() -> upstream.open(silent.uri("/files/demo-1.0.tar.gz")))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + silent.host() + ": no answer within 300 ms");
        }
    }

    @Test
    void aBodyThatStallsFailsTheRead() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            byte[] head = "first bytes".getBytes(StandardCharsets.UTF_8);
            server.answer("/files/demo-1.0.tar.gz", server.stall(head));
            server.answer("/simple/demo/", server.stall("{\"files\": [".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/vnd.pypi.simple.v1+json"));
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), STALL);

            try (Upstream.Download download = upstream.open(server.uri("/files/demo-1.0.tar.gz"))) {
                assertThat(download.length()).isEqualTo(OptionalLong.of(head.length + 1000));
                InputStream body = download.body();
                assertThat(body.readNBytes(head.length)).isEqualTo(head);
                assertThatThrownBy(body::read).isInstanceOf(IOException.class)
                        .hasMessage("upstream " + server.host() + ": no data for 2 s while reading");
            }
            assertThatThrownBy(() -> upstream.page("demo", Optional.empty()))
                    .isInstanceOf(UpstreamUnavailable.class)
                    .hasMessage("upstream " + server.host() + ": the answer was not complete within 2 s");
        }
    }

    @Test
    void closingADownloadFailsAReadWaitingInAnotherThread() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            byte[] head = "first bytes".getBytes(StandardCharsets.UTF_8);
            server.answer("/files/demo-1.0.tar.gz", server.stall(head));
            HttpUpstream upstream = new HttpUpstream(server.uri("/simple/").toString(), TIMEOUT);
            Upstream.Download download = upstream.open(server.uri("/files/demo-1.0.tar.gz"));
            java.util.concurrent.CompletableFuture<Object> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return download.body().readAllBytes();
                } catch (IOException e) {
                    return e;
                }
            });

            download.close();

            // Whether the reader was already waiting or not, it fails as closed, not after the 10 s stall.
            assertThat(reader.get()).isInstanceOf(IOException.class).extracting(e -> ((IOException) e).getMessage())
                    .isEqualTo("the body from " + server.host() + " is closed");
        }
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpUpstream upstream = new HttpUpstream("http://127.0.0.1:" + port + "/simple/", TIMEOUT);

        assertThatThrownBy(() -> upstream.page("demo", Optional.empty()))
                .isInstanceOf(UpstreamUnavailable.class)
                .hasMessageStartingWith("upstream 127.0.0.1:" + port + ": cannot connect");
    }

    @Test
    void credentialsGoToTheRootsOriginOnlyAndAreNeverShown() throws Exception {
        String expected = "Basic " + java.util.Base64.getEncoder()
                .encodeToString("alice:s3cr@t".getBytes(StandardCharsets.UTF_8));
        try (FixtureServer root = FixtureServer.start(); FixtureServer cdn = FixtureServer.start()) {
            String sha = "d".repeat(64);
            root.answer("/simple/demo/", 200, html(
                    "<a href=\"/files/demo-1.0.tar.gz#sha256=" + sha + "\">demo-1.0.tar.gz</a>\n"
                    + "<a href=\"" + cdn.uri("/files/demo-1.0-py3-none-any.whl") + "#sha256=" + sha
                    + "\">demo-1.0-py3-none-any.whl</a>\n"
                    + "<a href=\"/redirected/demo-1.0.zip#sha256=" + sha + "\">demo-1.0.zip</a>"),
                    "Content-Type", "text/html");
            root.answer("/files/demo-1.0.tar.gz", 200, "sdist".getBytes(StandardCharsets.UTF_8));
            root.answer("/redirected/demo-1.0.zip", 302, new byte[0], "Location", cdn.uri("/files/demo-1.0.zip").toString());
            root.answer("/simple/broken/", 503, new byte[0]);
            cdn.answer("/files/demo-1.0-py3-none-any.whl", 200, "wheel".getBytes(StandardCharsets.UTF_8));
            cdn.answer("/files/demo-1.0.zip", 200, "zip".getBytes(StandardCharsets.UTF_8));
            String rootUrl = "http://alice:s3cr%40t@127.0.0.1:" + root.uri("/").getPort() + "/simple";
            HttpUpstream upstream = new HttpUpstream(rootUrl, TIMEOUT);

            List<UpstreamFile> files = fetched(upstream.page("demo", Optional.empty())).files();
            for (UpstreamFile file : files) {
                try (Upstream.Download download = upstream.open(file.url())) {
                    download.body().readAllBytes();
                }
            }

            assertThat(root.requests()).extracting(r -> r.header("Authorization"))
                    .containsOnly(Optional.of(expected)).hasSize(3);
            assertThat(cdn.requests()).extracting(r -> r.path()).containsExactlyInAnyOrder(
                    "/files/demo-1.0-py3-none-any.whl", "/files/demo-1.0.zip");
            assertThat(cdn.requests()).extracting(r -> r.header("Authorization")).containsOnly(Optional.empty());
            assertThat(upstream.toString()).isEqualTo("HttpUpstream[" + root.uri("/simple/") + "]");
            assertThat(upstream.root()).isEqualTo(root.uri("/simple/"));
            List<String> messages = new ArrayList<>();
            for (String name : List.of("broken", "missing")) {
                try {
                    upstream.page(name, Optional.empty());
                } catch (UpstreamUnavailable e) {
                    messages.add(e.getMessage());
                }
            }
            try (FixtureServer.Silent silent = new FixtureServer.Silent()) {
                String silentRoot = "http://alice:s3cr%40t@" + silent.host() + "/simple/";
                try {
                    new HttpUpstream(silentRoot, SHORT).page("demo", Optional.empty());
                } catch (UpstreamUnavailable e) {
                    messages.add(e.getMessage());
                }
                messages.add(new HttpUpstream(silentRoot, SHORT).toString());
            }
            assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m).doesNotContain("alice", "s3cr", "%40"));
        }
    }

    @Test
    void aBadRootIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> new HttpUpstream("ftp://user:secret@example.org/simple/", TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the upstream URL must start with http:// or https://");
        assertThatThrownBy(() -> new HttpUpstream("https://user:se cret@example.org/simple/", TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the upstream URL is not a valid URL");
        assertThatThrownBy(() -> new HttpUpstream("https://example.org/simple/?token=secret", TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the upstream URL must not have a query or a fragment");
        assertThat(new HttpUpstream("https://example.org", TIMEOUT).root()).isEqualTo(URI.create("https://example.org/"));
    }

    @Test
    void onlyNormalisedNamesAreAskedFor() {
        HttpUpstream upstream = new HttpUpstream("https://example.org/simple/", TIMEOUT);

        assertThatThrownBy(() -> upstream.page("Foo_Bar", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> upstream.page("../admin", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJsonIndexIsReadByItsContentType() throws Exception {
        String json = "{\"meta\":{\"_last-serial\":3,\"api-version\":\"1.0\"},\"projects\":[{\"name\":\"Foo.Bar\"},{\"name\":\"baz\"}]}";
        try (FixtureServer server = FixtureServer.start()) {
            server.answer("/simple/", 200, json.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/vnd.pypi.simple.v1+json");
            server.answer("/untyped/", 200, json.getBytes(StandardCharsets.UTF_8));
            for (String path : List.of("/simple/", "/untyped/")) {
                List<String> names = new ArrayList<>();
                new HttpUpstream(server.uri(path).toString(), TIMEOUT).index(names::add);
                assertThat(names).as(path).containsExactly("foo-bar", "baz");
            }
        }
    }

    private static UpstreamPage fetched(PageFetch fetch) {
        assertThat(fetch).isInstanceOf(PageFetch.Fetched.class);
        return ((PageFetch.Fetched) fetch).page();
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static byte[] html(String body) {
        return ("<!DOCTYPE html>\n<html><body>\n" + body + "\n</body></html>\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
