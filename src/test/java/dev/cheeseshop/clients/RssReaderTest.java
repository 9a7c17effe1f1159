package dev.cheeseshop.clients;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.PythonClients;
import dev.cheeseshop.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feeds as a Python reader sees them: a release uploaded by twine, then each feed fetched with
 * urllib, parsed by {@code xml.etree.ElementTree} and its dates by {@code email.utils}.
 */
class RssReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fetches a feed; prints its channel and items as JSON, dates parsed to ISO 8601. */
    private static final String READ = String.join("\n",
            "import json, sys, urllib.request, xml.etree.ElementTree as ET",
            "from email.utils import parsedate_to_datetime",
            "opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))",
            "with opener.open(sys.argv[1]) as r:",
            "    ctype, root = r.headers['Content-Type'], ET.fromstring(r.read())",
            "ch = root.find('channel')",
            "items = [{k: (i.findtext(k) if k != 'pubDate' else parsedate_to_datetime(i.findtext(k)).isoformat())",
            "          for k in ('title', 'link', 'guid', 'description', 'author', 'pubDate')} for i in ch.findall('item')]",
            "print(json.dumps({'type': ctype, 'tag': root.tag, 'version': root.get('version'),",
            "                  'title': ch.findtext('title'), 'link': ch.findtext('link'), 'items': items}))");

    private static TestServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        Path wheel = TestArchives.wheel("Rss.Demo", "1.0").metadata("Metadata-Version: 2.1\nName: Rss.Demo\n"
                + "Version: 1.0\nSummary: Feeds & <things>\nAuthor-email: Ann Example <ann@example.org>\n\nReadme.\n")
                .writeTo(tmp);
        Processes.Result upload = PythonClients.twineUpload(server.url() + "/legacy/", ALICE, ALICE_PASSWORD, wheel);
        assertThat(upload.exitCode()).as(upload.describe()).isZero();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void updatesParseWithTheUploadedRelease() throws IOException {
        JsonNode feed = read("/rss/updates.xml");
        assertThat(feed.get("type").asText()).isEqualTo("text/xml; charset=UTF-8");
        assertThat(feed.get("tag").asText()).isEqualTo("rss");
        assertThat(feed.get("version").asText()).isEqualTo("2.0");
        assertThat(feed.get("link").asText()).isEqualTo(server.url() + "/");
        JsonNode item = feed.get("items").get(0);
        assertThat(item.get("title").asText()).isEqualTo("Rss.Demo 1.0");
        assertThat(item.get("link").asText()).isEqualTo(server.url() + "/project/rss-demo/1.0/");
        assertThat(item.get("description").asText()).isEqualTo("Feeds & <things>");
        assertThat(item.get("author").asText()).isEqualTo("ann@example.org");
        assertThat(item.get("pubDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    }

    @Test
    void packagesAndTheProjectFeedParseToo() throws IOException {
        JsonNode packages = read("/rss/packages.xml");
        assertThat(packages.get("items").get(0).get("title").asText()).isEqualTo("Rss.Demo added to PyPI");
        assertThat(packages.get("items").get(0).get("guid").asText()).isEqualTo(server.url() + "/project/rss-demo/");

        JsonNode project = read("/rss/project/Rss_Demo/releases.xml");
        assertThat(project.get("title").asText()).isEqualTo("PyPI recent updates for Rss.Demo");
        assertThat(project.get("link").asText()).isEqualTo(server.url() + "/project/rss-demo/");
        assertThat(project.get("items").get(0).get("title").asText()).isEqualTo("1.0");
        assertThat(project.get("items").get(0).get("guid").isNull()).isTrue();
    }

    private static JsonNode read(String path) throws IOException {
        Processes.Result run = PythonClients.pythonScript(READ, server.url() + path).run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return JSON.readTree(run.stdout());
    }
}
