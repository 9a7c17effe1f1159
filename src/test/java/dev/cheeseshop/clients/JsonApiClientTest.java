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
 * The JSON API read by Python as a client reads it (urllib and {@code json.load}, redirects
 * followed), after twine uploaded a wheel and an sdist: the bytes are what Warehouse's renderer
 * would write for the same data, and what bandersnatch reads (clients.md) is there and usable:
 * the serial header, {@code info.name}, {@code last_serial}, each file's URL under
 * {@code /packages}, its SHA-256, size and an upload time {@code datetime.fromisoformat} parses.
 */
class JsonApiClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ = String.join("\n",
            "import datetime, hashlib, json, sys, urllib.error, urllib.parse, urllib.request",
            "base, name = sys.argv[1], sys.argv[2]",
            "opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))",
            "with opener.open(base + '/pypi/' + name + '/json') as r:",
            "    raw = r.read()",
            "    final_url, ctype, serial = r.geturl(), r.headers['Content-Type'], r.headers['x-pypi-last-serial']",
            "doc = json.loads(raw)",
            "redump = json.dumps(doc, sort_keys=True, separators=(',', ':'), ensure_ascii=False) + '\\n'",
            "files = []",
            "for version, release in doc['releases'].items():",
            "    for f in release:",
            "        with opener.open(f['url']) as d:",
            "            data = d.read()",
            "        when = datetime.datetime.fromisoformat(f['upload_time_iso_8601'].replace('Z', '+00:00'))",
            "        files.append({'version': version, 'filename': f['filename'],",
            "                      'path': urllib.parse.urlsplit(f['url']).path,",
            "                      'sha256_matches': hashlib.sha256(data).hexdigest() == f['digests']['sha256'],",
            "                      'size_matches': len(data) == f['size'],",
            "                      'utc': when.utcoffset() == datetime.timedelta(0)})",
            "try:",
            "    opener.open(base + '/pypi/no-such-project/json')",
            "    missing = None",
            "except urllib.error.HTTPError as e:",
            "    missing = [e.code, e.headers['Content-Type'], json.loads(e.read())]",
            "print(json.dumps({'final_url': final_url, 'content_type': ctype, 'serial_header': serial,",
            "                  'byte_identical': redump.encode('utf-8') == raw, 'name': doc['info']['name'],",
            "                  'summary': doc['info']['summary'], 'description': doc['info']['description'],",
            "                  'last_serial': doc['last_serial'], 'serial_is_int': type(doc['last_serial']) is int,",
            "                  'files': files, 'missing': missing}))");

    private static TestServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        String metadata = "Metadata-Version: 2.1\nName: Client.Json\nVersion: 2.0\nSummary: Caf\u00e9 \u2615 client\n"
                + "Requires-Python: >=3.8\n\nReadme with \u00fcmlauts and \uD83D\uDE00.\n";
        Path wheel = TestArchives.wheel("Client.Json", "2.0").metadata(metadata).writeTo(tmp);
        Path sdist = TestArchives.sdist("Client.Json", "2.0").pkgInfo(metadata).writeTo(tmp);
        Processes.Result upload = PythonClients.twineUpload(server.url() + "/legacy/", ALICE, ALICE_PASSWORD,
                wheel, sdist);
        assertThat(upload.exitCode()).as(upload.describe()).isZero();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pythonReadsTheDocumentAsPypisRendererWouldHaveWrittenIt() throws IOException {
        Processes.Result run = PythonClients.pythonScript(READ, server.url(), "Client.Json").run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode got = JSON.readTree(run.stdout());

        long serial = server.app().store().read(tx -> tx.projects().find("client-json")).orElseThrow()
                .lastSerial().value();
        assertThat(got.path("final_url").asText()).isEqualTo(server.url() + "/pypi/client-json/json");
        assertThat(got.path("content_type").asText()).isEqualTo("application/json");
        assertThat(got.path("serial_header").asText()).isEqualTo(Long.toString(serial));
        assertThat(got.path("byte_identical").asBoolean()).as("json.dumps(json.loads(body)) == body").isTrue();
        assertThat(got.path("name").asText()).isEqualTo("Client.Json");
        assertThat(got.path("summary").asText()).isEqualTo("Caf\u00e9 \u2615 client");
        assertThat(got.path("description").asText()).contains("\u00fcmlauts and \uD83D\uDE00.");
        assertThat(got.path("last_serial").asLong()).isEqualTo(serial);
        assertThat(got.path("serial_is_int").asBoolean()).isTrue();

        JsonNode files = got.path("files");
        assertThat(files).hasSize(2);
        for (JsonNode file : files) {
            assertThat(file.path("version").asText()).isEqualTo("2.0");
            assertThat(file.path("path").asText()).startsWith("/packages/").endsWith("/" + file.path("filename").asText());
            assertThat(file.path("sha256_matches").asBoolean()).as(file.toString()).isTrue();
            assertThat(file.path("size_matches").asBoolean()).as(file.toString()).isTrue();
            assertThat(file.path("utc").asBoolean()).as(file.toString()).isTrue();
        }
        assertThat(got.path("missing").toString())
                .isEqualTo("[404,\"application/json\",{\"message\":\"Not Found\"}]");
    }
}
