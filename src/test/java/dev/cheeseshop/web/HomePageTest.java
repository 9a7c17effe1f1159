package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.testing.HtmlChecks;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.PythonClients;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /} welcomes a person: a valid, accessible page saying what the index is, the commands to
 * install from it and upload to it with its own URLs in them (the configured public URL, escaped
 * for the shell, TOML and HTML, or else the Host the client asked for), and what it holds, kept
 * exact by the journal, with ETags and conditional GET.
 */
class HomePageTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptyIndexAnswersAValidPageThatHoldsNothing() {
        try (TestServer server = TestServer.start()) {
            Http.Response page = Http.get(server.uri("/"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).isEqualToIgnoringCase("text/html; charset=utf-8");
            assertThat(page.header("X-PyPI-Last-Serial")).isEqualTo("0");
            assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
            Document doc = HtmlChecks.valid(page.text());
            assertThat(doc.title()).contains("Python package index");
            assertThat(doc.select("main p").first().text()).contains("Python package index");
            assertThat(holdings(doc)).containsExactly(
                    Map.entry("Projects", "0"), Map.entry("Releases", "0"), Map.entry("Files", "0"),
                    Map.entry("Last serial", "0"));
            assertThat(Http.send("POST", server.uri("/"), new byte[0]).status()).isEqualTo(405);
        }
    }

    @Test
    void theCountsAreWhatWasUploadedAndThePageChangesWithTheJournal() throws IOException {
        try (TestServer server = TestServer.start()) {
            upload(server, Uploads.wheel(TestArchives.wheel("alpha", "1.0").writeTo(dir("a1w")), "alpha", "1.0"));
            upload(server, Uploads.sdist(TestArchives.sdist("alpha", "1.0").writeTo(dir("a1s")), "alpha", "1.0"));
            upload(server, Uploads.wheel(TestArchives.wheel("alpha", "2.0").writeTo(dir("a2w")), "alpha", "2.0"));
            Path beta = TestArchives.sdist("Beta", "0.1").writeTo(dir("b"));
            upload(server, Uploads.sdist(beta, "Beta", "0.1"));
            upload(server, Uploads.sdist(beta, "Beta", "0.1")); // the same file again: 200, nothing changes
            String serial = Long.toString(lastSerial(server));

            Http.Response first = Http.get(server.uri("/"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("X-PyPI-Last-Serial")).isEqualTo(serial);
            assertThat(holdings(HtmlChecks.valid(first.text()))).containsExactly(
                    Map.entry("Projects", "2"), Map.entry("Releases", "3"), Map.entry("Files", "4"),
                    Map.entry("Last serial", serial));
            String etag = first.header("ETag");
            assertThat(etag).matches("\"[A-Za-z0-9+/]{22}\"");

            Http.Response unchanged = Http.get(server.uri("/"), "If-None-Match", etag);
            assertThat(unchanged.status()).isEqualTo(304);
            assertThat(unchanged.body()).isEmpty();
            assertThat(unchanged.header("ETag")).isEqualTo(etag);
            assertThat(unchanged.header("X-PyPI-Last-Serial")).isEqualTo(serial);

            Http.Response head = Http.send("HEAD", server.uri("/"), null);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("ETag")).isEqualTo(etag);
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(first.body().length));

            upload(server, Uploads.wheel(TestArchives.wheel("gamma", "3.0").writeTo(dir("g")), "gamma", "3.0"));
            String newSerial = Long.toString(lastSerial(server));
            assertThat(newSerial).isNotEqualTo(serial);
            Http.Response changed = Http.get(server.uri("/"), "If-None-Match", etag);
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.header("ETag")).isNotEqualTo(etag);
            assertThat(changed.header("X-PyPI-Last-Serial")).isEqualTo(newSerial);
            assertThat(holdings(HtmlChecks.valid(changed.text()))).containsExactly(
                    Map.entry("Projects", "3"), Map.entry("Releases", "4"), Map.entry("Files", "5"),
                    Map.entry("Last serial", newSerial));
        }
    }

    @Test
    void theCommandsAndLinksUseTheConfiguredPublicUrlEscapedForTheShellTomlAndHtml() throws IOException {
        // '&' and '\'' are legal in a URL path (and '<', '"' are not: PublicUrl refuses them).
        assertThatThrownBy(() -> PublicUrl.parse("https://pypi.example.org/<b>/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicUrl.parse("https://pypi.example.org/\"/")).isInstanceOf(IllegalArgumentException.class);
        String root = "https://pypi.example.org/a&b'c/";
        try (TestServer server = TestServer.start(PublicUrl.parse(root))) {
            String html = Http.get(server.uri("/")).text();
            // Text and double-quoted attributes need '&' and '<' escaped, not '\'' (jte's HTML escaping).
            assertThat(html).contains("https://pypi.example.org/a&amp;b'c/simple/")
                    .doesNotContain("a&b").doesNotContain("127.0.0.1");
            Document doc = HtmlChecks.valid(html);

            List<String> code = doc.select("pre").stream().map(Element::wholeText).toList();
            String pip = code.stream().filter(c -> c.startsWith("pip install")).findFirst().orElseThrow();
            assertThat(pip).isEqualTo("pip install --index-url 'https://pypi.example.org/a&b'\\''c/simple/' PROJECT");
            assertThat(shellWords(pip)).containsExactly("pip", "install", "--index-url", root + "simple/", "PROJECT");
            String twine = code.stream().filter(c -> c.contains("twine upload")).findFirst().orElseThrow();
            assertThat(shellWords(twine.lines().reduce((a, b) -> b).orElseThrow()))
                    .containsExactly("twine", "upload", "--repository-url", root + "legacy/", "dist/*");
            assertThat(code).anySatisfy(c -> assertThat(c).startsWith("FLIT_INDEX_URL='https://pypi.example.org/a&b'\\''c/legacy/' flit publish"))
                    .anySatisfy(c -> assertThat(c).contains("poetry config repositories.cheeseshop 'https://pypi.example.org/a&b'\\''c/legacy/'"))
                    .anySatisfy(c -> assertThat(c).startsWith("pdm publish -r 'https://pypi.example.org/a&b'\\''c/legacy/'"))
                    .anySatisfy(c -> assertThat(c).startsWith("uv pip install --default-index 'https://pypi.example.org/a&b'\\''c/simple/'"))
                    .noneSatisfy(c -> assertThat(c).containsIgnoringCase("password"));

            String pipConf = code.stream().filter(c -> c.startsWith("[global]")).findFirst().orElseThrow();
            String pyproject = code.stream().filter(c -> c.startsWith("[[tool.uv.index]]")).findFirst().orElseThrow();
            Processes.Result parsed = PythonClients.pythonScript("""
                    import configparser, sys, tomllib
                    ini = configparser.RawConfigParser(); ini.read_string(sys.argv[1])
                    print(ini['global']['index-url'])
                    toml = tomllib.loads(sys.argv[2])['tool']['uv']['index'][0]
                    print(toml['url'], toml['default'])
                    """, pipConf, pyproject).run();
            assertThat(parsed.exitCode()).as(parsed.describe()).isZero();
            assertThat(parsed.stdout()).isEqualTo(root + "simple/\n" + root + "simple/ True\n");

            // Links within the site are paths under the public URL's own path.
            String path = "/a&b'c/";
            assertThat(doc.select("a").eachAttr("href")).contains(path, path + "simple/", path + "rss/updates.xml",
                    path + "rss/packages.xml");
        }
    }

    @Test
    void withoutAPublicUrlTheCommandsFollowTheHostTheClientAskedFor() throws IOException {
        try (TestServer server = TestServer.start()) {
            String local = server.url() + "/simple/";
            assertThat(HtmlChecks.valid(Http.get(server.uri("/")).text()).select("pre").stream().map(Element::wholeText))
                    .anySatisfy(c -> assertThat(c).isEqualTo("pip install --index-url " + local + " PROJECT"));
            String mirror = rawGet(server, "mirror.example:8443");
            assertThat(mirror).startsWith("HTTP/1.1 200 ")
                    .contains("pip install --index-url http://mirror.example:8443/simple/ <var>PROJECT</var>")
                    .contains("<a href=\"/rss/updates.xml\">")
                    .doesNotContain("127.0.0.1");
            assertThat(Http.get(server.uri("/")).text()).contains(local).doesNotContain("mirror.example");

            // Jetty takes a Host with '&', '\'' or "$(": the page escapes it for HTML and quotes it for the shell.
            String odd = rawGet(server, "x&y'z$(id)");
            assertThat(odd).startsWith("HTTP/1.1 200 ").contains("http://x&amp;y'z$(id)/simple/")
                    .doesNotContain("x&y");
            String pip = HtmlChecks.valid(odd.substring(odd.indexOf("\r\n\r\n") + 4)).select("pre").stream()
                    .map(Element::wholeText).filter(c -> c.startsWith("pip install")).findFirst().orElseThrow();
            assertThat(shellWords(pip)).containsExactly("pip", "install", "--index-url", "http://x&y'z$(id)/simple/",
                    "PROJECT");
        }
    }

    /** The "What it holds" table, row header to cell, in page order, thousands separators removed. */
    private static Map<String, String> holdings(Document doc) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Element row : doc.select("section[aria-labelledby=holds] tr")) {
            rows.put(row.selectFirst("th").text(), row.selectFirst("td").text().replace(",", ""));
        }
        return rows;
    }

    /** The words a POSIX shell makes of {@code line}, with no expansion of {@code dist/*} against our directory. */
    private List<String> shellWords(String line) throws IOException {
        Path empty = Files.createTempDirectory(tmp, "sh");
        Processes.Result words = Processes.command("sh", "-c", "set -- " + line + "; printf '%s\\n' \"$@\"")
                .directory(empty).run();
        assertThat(words.exitCode()).as(words.describe()).isZero();
        return words.stdout().lines().toList();
    }

    private static long lastSerial(TestServer server) {
        return server.app().store().read(tx -> tx.journal().last()).orElseThrow().value();
    }

    private static void upload(TestServer server, Uploads upload) {
        Http.Response response = upload.to(server);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    /** A GET of {@code /} with a Host header of our choosing (Java's HTTP clients will not send one). */
    private static String rawGet(TestServer server, String host) throws IOException {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
