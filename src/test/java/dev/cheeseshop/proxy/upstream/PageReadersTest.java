package dev.cheeseshop.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.UpstreamFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The page and index readers over fixture pages in pypi.org's shapes (src/test/resources/upstream):
 * every expected value below is written out by hand from the fixture, as pip reads it.
 */
class PageReadersTest {
    private static final URI PAGE = URI.create("https://pypi.org/simple/zope-interface/");
    private static final String H2 = "2".repeat(64);
    private static final String H3 = "3".repeat(64);
    private static final String H4 = "4".repeat(64);
    private static final String H5 = "5".repeat(64);
    private static final String WHEEL_60 =
            "zope.interface-6.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl";
    private static final String YANK_REASON = "broken build: see <#42> & \"notes\"";

    @Test
    void jsonPageInPypisShape() throws IOException {
        PageContent page = JsonPageReader.read(fixture("pypi-project.json"), PAGE, "zope-interface");

        assertThat(page.displayName()).isEqualTo("zope-interface");
        assertThat(page.serial()).isEqualTo(OptionalLong.of(24888689));
        assertThat(page.files()).containsExactly(
                new UpstreamFile("zope.interface-3.5.0.tar.gz",
                        URI.create("https://files.pythonhosted.org/packages/a1/b2/c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90/zope.interface-3.5.0.tar.gz"),
                        Optional.empty(), OptionalLong.of(111013), Optional.of(Instant.parse("2009-02-02T15:52:04Z")),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                new UpstreamFile(WHEEL_60,
                        URI.create("https://files.pythonhosted.org/packages/0f/1e/2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0/" + WHEEL_60),
                        Optional.of(H2), OptionalLong.of(247001),
                        Optional.of(Instant.parse("2023-03-17T07:41:46.145467Z")), Optional.of(">=3.7"),
                        Optional.of(YANK_REASON), Optional.of("a".repeat(64))),
                new UpstreamFile("zope.interface-6.1.tar.gz",
                        URI.create("https://files.pythonhosted.org/packages/87/a4/zope.interface-6.1.tar.gz"),
                        Optional.of(H3), OptionalLong.of(250000), Optional.of(Instant.parse("2023-10-05T11:26:31.123Z")),
                        Optional.of(">=3.7"), Optional.of(""), Optional.empty()),
                new UpstreamFile("zope.interface-6.1-py3-none-any.whl",
                        URI.create("https://files.pythonhosted.org/packages/87/a5/zope.interface-6.1-py3-none-any.whl"),
                        Optional.of(H4), OptionalLong.of(0), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("b".repeat(64))),
                new UpstreamFile("zope.interface-7.0.tar.gz", URI.create("https://pypi.org/packages/zope.interface-7.0.tar.gz"),
                        Optional.of(H5), OptionalLong.empty(), Optional.empty(), Optional.of("<4,>=3.8"), Optional.empty(),
                        Optional.empty()),
                new UpstreamFile("zope.interface-7.1.tar.gz",
                        URI.create("https://files.pythonhosted.org/packages/zope.interface-7.1.tar.gz"),
                        Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()));
    }

    @Test
    void htmlPageInPypisShape() throws IOException {
        PageContent page = HtmlPageReader.read(reader("pypi-project.html"), PAGE, "zope-interface");

        assertThat(page.displayName()).isEqualTo("zope.interface");
        assertThat(page.serial()).isEmpty();
        assertThat(page.files()).containsExactly(
                html("zope.interface-3.5.0.tar.gz",
                        "https://files.pythonhosted.org/packages/a1/b2/c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90/zope.interface-3.5.0.tar.gz",
                        null, null, null, null),
                html(WHEEL_60,
                        "https://files.pythonhosted.org/packages/0f/1e/2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0/" + WHEEL_60,
                        H2, ">=3.7", YANK_REASON, "a".repeat(64)),
                html("zope.interface-6.1.tar.gz", "https://files.pythonhosted.org/packages/87/a4/zope.interface-6.1.tar.gz",
                        H3, ">=3.7", "", null),
                html("zope.interface-6.1-py3-none-any.whl",
                        "https://files.pythonhosted.org/packages/87/a5/zope.interface-6.1-py3-none-any.whl",
                        H4, null, "", "b".repeat(64)),
                html("zope.interface-7.0.tar.gz", "https://pypi.org/packages/zope.interface-7.0.tar.gz",
                        H5, "<4,>=3.8", null, null),
                html("zope.interface-7.1.tar.gz", "https://files.pythonhosted.org/packages/zope.interface-7.1.tar.gz",
                        null, null, null, null),
                html("zope interface-7.2.tar.gz", "https://files.pythonhosted.org/packages/zope%20interface-7.2.tar.gz",
                        "a".repeat(64), null, null, null));
    }

    @Test
    void htmlPageOfAStaticTree() throws IOException {
        URI page = URI.create("http://127.0.0.1:8080/tree/demo/");
        PageContent content = HtmlPageReader.read(reader("static-project.html"), page, "demo");

        assertThat(content.displayName()).isEqualTo("demo");
        assertThat(content.files()).containsExactly(
                html("demo-1.0.tar.gz", "http://127.0.0.1:8080/tree/demo/demo-1.0.tar.gz", "1".repeat(64), null, null, null),
                html("demo-1.0-py3-none-any.whl", "http://127.0.0.1:8080/tree/demo/sub/demo-1.0-py3-none-any.whl",
                        H2, ">=3.9", null, null));
    }

    @Test
    void aBaseElementMovesWhereLinksResolve() throws IOException {
        String html = "<html><head><base href=\"https://cdn.example.org/files/\"></head><body>"
                + "<a href=\"x-1.0.tar.gz#sha256=" + H2 + "\">x-1.0.tar.gz</a></body></html>";
        PageContent page = HtmlPageReader.read(new StringReader(html), URI.create("https://example.org/simple/x/"), "x");

        assertThat(page.files()).extracting(UpstreamFile::url)
                .containsExactly(URI.create("https://cdn.example.org/files/x-1.0.tar.gz"));
    }

    @Test
    void userInformationInALinkIsDropped() throws IOException {
        String html = "<a href=\"https://user:token@files.example.org/p/x-1.0.tar.gz?sig=1#sha256=" + H2
                + "\">x-1.0.tar.gz</a>";
        PageContent page = HtmlPageReader.read(new StringReader(html), URI.create("https://example.org/simple/x/"), "x");

        assertThat(page.files()).extracting(UpstreamFile::url)
                .containsExactly(URI.create("https://files.example.org/p/x-1.0.tar.gz?sig=1"));
    }

    @Test
    void aTitleOfAnotherProjectIsNotTheDisplayName() throws IOException {
        String html = "<html><head><title>Links for Other</title></head><body><h1>Files</h1></body></html>";
        PageContent page = HtmlPageReader.read(new StringReader(html), PAGE, "zope-interface");

        assertThat(page.displayName()).isEqualTo("zope-interface");
        assertThat(page.files()).isEmpty();
    }

    @Test
    void aLaterMajorVersionIsRefusedInBothForms() {
        String json = "{\"meta\":{\"api-version\":\"2.0\"},\"name\":\"demo\",\"files\":[]}";
        assertThatThrownBy(() -> JsonPageReader.read(bytes(json), PAGE, "demo"))
                .isInstanceOf(UnreadablePage.class).hasMessage("Simple API version 2.0 is not supported (only 1.x)");
        String html = "<html><head><meta name=\"pypi:repository-version\" content=\"2.1\"></head><body></body></html>";
        assertThatThrownBy(() -> HtmlPageReader.read(new StringReader(html), PAGE, "demo"))
                .isInstanceOf(UnreadablePage.class).hasMessage("Simple API version 2.1 is not supported (only 1.x)");
    }

    @Test
    void aJsonPageOfAnotherProjectIsRefused() {
        String json = "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"other\",\"files\":[]}";
        assertThatThrownBy(() -> JsonPageReader.read(bytes(json), PAGE, "demo"))
                .isInstanceOf(UnreadablePage.class).hasMessage("the JSON page is for another project");
    }

    @Test
    void jsonThatIsNoPageIsRefused() {
        assertThatThrownBy(() -> JsonPageReader.read(bytes("[1, 2]"), PAGE, "demo"))
                .isInstanceOf(UnreadablePage.class).hasMessage("the JSON page is not an object");
        assertThatThrownBy(() -> JsonPageReader.read(bytes("{\"name\": \"demo\"}"), PAGE, "demo"))
                .isInstanceOf(UnreadablePage.class).hasMessage("the JSON page has no files list");
        assertThatThrownBy(() -> JsonPageReader.read(bytes("{\"files\": {}}"), PAGE, "demo"))
                .isInstanceOf(UnreadablePage.class).hasMessage("the JSON page's files is not a list");
        assertThatThrownBy(() -> JsonPageReader.read(bytes("{\"files\": [{\"filename\": \"a\""), PAGE, "demo"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void jsonIndexNamesAsRead() throws IOException {
        List<String> names = new ArrayList<>();
        IndexReader.readJson(fixture("pypi-index.json"), names::add);

        assertThat(names).containsExactly("zope-interface", "requests", "typing-extensions", "a-b-c");
    }

    @Test
    void htmlIndexNamesAsRead() throws IOException {
        List<String> names = new ArrayList<>();
        IndexReader.readHtml(reader("pypi-index.html"), URI.create("https://pypi.org/simple/"), names::add);

        assertThat(names).containsExactly("zope-interface", "requests", "typing-extensions", "a-b-c");
    }

    @Test
    void aConsumerSeesNamesBeforeTheIndexEnds() {
        // Far more links than the parser's buffer holds, then a connection that fails.
        StringBuilder truncated = new StringBuilder("<html><body>");
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            listed.add("project-" + i);
            truncated.append("<a href=\"/simple/project-").append(i).append("/\">project-").append(i).append("</a>\n");
        }
        List<String> names = new ArrayList<>();
        InputStream failing = new java.io.SequenceInputStream(bytes(truncated.toString()), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        assertThatThrownBy(() -> IndexReader.readHtml(new InputStreamReader(failing, StandardCharsets.UTF_8),
                URI.create("https://pypi.org/simple/"), names::add))
                .isInstanceOf(IOException.class).isNotInstanceOf(UncheckedIOException.class)
                .hasMessage("connection reset");
        assertThat(names).isNotEmpty();
        assertThat(listed).startsWith(names.toArray(String[]::new));
    }

    private static UpstreamFile html(String filename, String url, String sha256, String requiresPython, String yanked,
            String metadataSha256) {
        return new UpstreamFile(filename, URI.create(url), Optional.ofNullable(sha256), OptionalLong.empty(),
                Optional.empty(), Optional.ofNullable(requiresPython), Optional.ofNullable(yanked),
                Optional.ofNullable(metadataSha256));
    }

    private static InputStream fixture(String name) {
        InputStream in = PageReadersTest.class.getResourceAsStream("/upstream/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    private static InputStreamReader reader(String name) {
        return new InputStreamReader(fixture(name), StandardCharsets.UTF_8);
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
