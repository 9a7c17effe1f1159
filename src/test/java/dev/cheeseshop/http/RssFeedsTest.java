package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.testing.Goldens;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The RSS feeds over HTTP against golden files that Jinja2 rendered with autoescape from the same
 * data (src/test/resources/golden/generate_rss.py: times, escaping, authors, whitespace), under a
 * configured public URL.
 */
class RssFeedsTest {
    private static final String BASE = "https://pypi.example.org/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(PublicUrl.parse("https://PYPI.example.org"));
        Seed seed = new Seed(server);
        seed.release("Foo.Bar", "0.9", Map.of("author_email", "UNKNOWN"), Instant.parse("2023-06-15T12:30:45.999Z"));
        seed.release("Foo.Bar", "1.0", Map.of("summary", "A <b>\"fine\"</b> & 'tidy'\tpackage\u00e9\u2603",
                "author_email", "No Reply <noreply@example.org>, second@example.org"),
                Instant.parse("2024-01-01T00:00:00.5Z"));
        seed.release("Zope", "2.0", Map.of("summary", "", "author_email", "jim@zope.org"),
                Instant.parse("2024-02-29T08:09:10Z"));
        seed.project("Empty-Project", Instant.parse("2024-03-01T00:00:00Z"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void updatesAreTheNewestReleasesAsPypiRendersThem() {
        Http.Response response = Http.get(server.uri("/rss/updates.xml"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo(golden("rss-updates.xml"));
    }

    @Test
    void packagesAreTheNewestProjectsWithAReleaseDescribedByTheHighestVersion() {
        Http.Response response = Http.get(server.uri("/rss/packages.xml"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo(golden("rss-packages.xml")).doesNotContain("Empty-Project");
    }

    @Test
    void aProjectFeedIsFoundByAnySpellingWithoutARedirect() {
        for (String name : List.of("foo-bar", "Foo.Bar", "FOO__bar")) {
            Http.Response response = Http.get(server.uri("/rss/project/" + name + "/releases.xml"));
            assertThat(response.status()).as(name).isEqualTo(200);
            assertThat(response.text()).as(name).isEqualTo(golden("rss-project-releases.xml"));
        }
    }

    @Test
    void anUnknownProjectIsAPlain404() {
        for (String name : List.of("no-such-project", "not%20a%20name")) {
            Http.Response response = Http.get(server.uri("/rss/project/" + name + "/releases.xml"));
            assertThat(response.status()).as(name).isEqualTo(404);
            assertThat(response.text()).isEqualTo("404 Not Found");
        }
    }

    @Test
    void aProjectWithoutReleasesHasAnEmptyFeed() {
        Http.Response response = Http.get(server.uri("/rss/project/empty-project/releases.xml"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo(golden("rss-project-empty.xml"));
    }

    @Test
    void feedsAreTextXmlWithCorsAndNoCacheControl() {
        for (String path : feeds()) {
            Http.Response response = Http.get(server.uri(path));
            assertThat(response.header("Content-Type")).as(path).isEqualTo("text/xml; charset=UTF-8");
            assertThat(response.header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
            assertThat(response.header("Access-Control-Allow-Methods")).as(path).isEqualTo("GET");
            assertThat(response.header("Access-Control-Expose-Headers")).as(path).isEqualTo("X-PyPI-Last-Serial");
            assertThat(response.header("Cache-Control")).as(path).isNull();
            assertThat(response.header("Surrogate-Control")).as(path).isNull();
        }
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        Http.Response get = Http.get(server.uri("/rss/updates.xml"));
        Http.Response head = Http.send("HEAD", server.uri("/rss/updates.xml"), null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.body().length));
    }

    @Test
    void everyFeedIsWellFormedRssWithAbsoluteLinksUnderThePublicUrl() throws Exception {
        for (String path : feeds()) {
            Document doc = parse(Http.get(server.uri(path)).body());
            assertThat(doc.getDocumentElement().getTagName()).as(path).isEqualTo("rss");
            assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
            assertThat(doc.getElementsByTagName("channel").getLength()).isEqualTo(1);
            List<String> links = texts(doc.getElementsByTagName("link"));
            assertThat(links).as(path).isNotEmpty().allSatisfy(link -> assertThat(link).startsWith(BASE));
        }
        Document updates = parse(Http.get(server.uri("/rss/updates.xml")).body());
        assertThat(texts(updates.getElementsByTagName("description")))
                .contains("A <b>\"fine\"</b> & 'tidy'package\u00e9\u2603");
    }

    private static List<String> feeds() {
        return List.of("/rss/updates.xml", "/rss/packages.xml", "/rss/project/foo-bar/releases.xml");
    }

    /** The JDK's parser with DOCTYPEs refused and external entities off. */
    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static List<String> texts(NodeList nodes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static String golden(String name) {
        return Goldens.text(name);
    }
}
