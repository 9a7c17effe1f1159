package dev.cheeseshop.clients;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.PythonClients;
import dev.cheeseshop.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * Python's own {@code xmlrpc.client.ServerProxy} against the XML-RPC endpoint, and the exact
 * bodies bandersnatch 6 (aiohttp-xmlrpc 1.5.0) sends. The server holds Rpc.Demo 1.0 (a wheel with
 * two classifiers, and an sdist) and rpc-other 1.0, uploaded by twine as alice.
 */
class XmlRpcClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Calls a method with JSON-given arguments; prints the result and its Python types as JSON. */
    private static final String CALL = String.join("\n",
            "import json, sys, xmlrpc.client",
            "def shape(v):",
            "    if isinstance(v, list): return [shape(x) for x in v]",
            "    if isinstance(v, dict): return {k: shape(x) for k, x in v.items()}",
            "    return type(v).__name__",
            "proxy = xmlrpc.client.ServerProxy(sys.argv[1], allow_none=True)",
            "try:",
            "    r = getattr(proxy, sys.argv[2])(*json.loads(sys.argv[3]))",
            "    print(json.dumps({'result': r, 'shape': shape(r)}))",
            "except xmlrpc.client.Fault as f:",
            "    print(json.dumps({'fault': [f.faultCode, f.faultString]}))");

    private static final String PY3 = "Programming Language :: Python :: 3";
    private static final String MIT = "License :: OSI Approved :: MIT License";

    private static TestServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        Path wheel = TestArchives.wheel("Rpc.Demo", "1.0").metadata(TestArchives.metadata("Rpc.Demo", "1.0")
                .replace("\n\n", "\nClassifier: " + PY3 + "\nClassifier: " + MIT + "\n\n")).writeTo(tmp);
        Path sdist = TestArchives.sdist("Rpc.Demo", "1.0").writeTo(tmp);
        Path other = TestArchives.wheel("rpc-other", "1.0").writeTo(tmp);
        Processes.Result upload = PythonClients.twineUpload(server.url() + "/legacy/", ALICE, ALICE_PASSWORD,
                wheel, sdist, other);
        assertThat(upload.exitCode()).as(upload.describe()).isZero();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode call(TestServer on, String path, String method, Object... args) {
        try {
            Processes.Result run = PythonClients.pythonScript(CALL, on.url() + path, method,
                    JSON.writeValueAsString(args)).run();
            assertThat(run.exitCode()).as(run.describe()).isZero();
            return JSON.readTree(run.stdout());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode result(String path, String method, Object... args) {
        JsonNode answer = call(server, path, method, args);
        assertThat(answer.has("result")).as("%s: %s", method, answer).isTrue();
        return answer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pypi", "/pypi/", "/RPC2"})
    void changelogLastSerialIsNoneOnAnEmptyJournal(String path) {
        try (TestServer fresh = TestServer.start()) {
            JsonNode answer = call(fresh, path, "changelog_last_serial");

            assertThat(answer.get("shape").asText()).as(answer.toString()).isEqualTo("NoneType");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pypi", "/pypi/", "/RPC2"})
    void changelogSinceSerialRowsAreFiveListsInAscendingOrder(String path) {
        JsonNode last = result(path, "changelog_last_serial");
        assertThat(last.get("shape").asText()).isEqualTo("int");

        JsonNode rows = result(path, "changelog_since_serial", 0);

        List<Long> serials = new ArrayList<>();
        for (int i = 0; i < rows.get("result").size(); i++) {
            JsonNode row = rows.get("result").get(i);
            JsonNode shape = rows.get("shape").get(i);
            assertThat(shape.size()).as("row %s", row).isEqualTo(5);
            assertThat(shape.get(0).asText()).isEqualTo("str");
            assertThat(shape.get(1).asText()).isIn("str", "NoneType");
            assertThat(shape.get(2).asText()).isEqualTo("int");
            assertThat(shape.get(3).asText()).isEqualTo("str");
            assertThat(shape.get(4).asText()).isEqualTo("int");
            serials.add(row.get(4).asLong());
        }
        assertThat(serials).hasSize(9).isSorted().doesNotHaveDuplicates();
        assertThat(serials.get(serials.size() - 1)).isEqualTo(last.get("result").asLong());
        JsonNode first = rows.get("result").get(0);
        assertThat(first.get(0).asText()).isEqualTo("Rpc.Demo");
        assertThat(first.get(1).isNull()).as("a project's creation has no version").isTrue();
        assertThat(first.get(3).asText()).isEqualTo("create");
        assertThat(result(path, "changelog_since_serial", last.get("result").asLong()).get("result")).isEmpty();
    }

    @Test
    void listPackagesWithSerialMapsDisplayNamesToTheirLastSerial() {
        JsonNode listing = result("/pypi", "list_packages_with_serial");
        JsonNode rows = result("/pypi", "changelog_since_serial", 0).get("result");

        assertThat(listing.get("shape").isObject()).as(listing.toString()).isTrue();
        assertThat(listing.get("shape").get("Rpc.Demo").asText()).isEqualTo("int");
        assertThat(listing.get("shape").get("rpc-other").asText()).isEqualTo("int");
        assertThat(listing.get("result").size()).isEqualTo(2);
        for (String name : List.of("Rpc.Demo", "rpc-other")) {
            long newest = 0;
            for (JsonNode row : rows) {
                if (row.get(0).asText().equals(name)) {
                    newest = Math.max(newest, row.get(4).asLong());
                }
            }
            assertThat(listing.get("result").get(name).asLong()).as(name).isEqualTo(newest).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pypi", "/pypi/", "/RPC2"})
    void packageQueryingMethodsAnswerListsOfPairs(String path) {
        assertThat(result(path, "package_roles", "rpc_DEMO").get("result").toString())
                .isEqualTo("[[\"Owner\",\"alice\"]]");
        assertThat(result(path, "package_roles", "no-such-project").get("result").toString()).isEqualTo("[]");
        assertThat(result(path, "user_packages", "ALICE").get("result").toString())
                .isEqualTo("[[\"Owner\",\"Rpc.Demo\"],[\"Owner\",\"rpc-other\"]]");
        assertThat(result(path, "user_packages", "nobody").get("result").toString()).isEqualTo("[]");
        JsonNode browse = result(path, "browse", List.of(MIT, PY3));
        assertThat(browse.get("result").toString()).isEqualTo("[[\"Rpc.Demo\",\"1.0\"]]");
        assertThat(browse.get("shape").toString()).isEqualTo("[[\"str\",\"str\"]]");
        assertThat(result(path, "browse", List.of()).get("result").toString()).isEqualTo("[]");
        assertThat(result(path, "browse", List.of(PY3, "Topic :: Nothing")).get("result").toString()).isEqualTo("[]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"changelog", "package_data", "package_urls", "top_packages", "search", "list_packages",
        "package_releases", "release_urls", "release_data", "system.multicall"})
    void disabledMethodsAreFaultsMinus32500(String method) {
        Object[] args = switch (method) {
            case "changelog" -> new Object[] {0};
            case "package_data", "package_urls", "release_urls", "release_data" -> new Object[] {"x", "1"};
            case "search" -> new Object[] {java.util.Map.of("name", "x")};
            case "package_releases" -> new Object[] {"x"};
            case "system.multicall" -> new Object[] {List.of()};
            default -> new Object[0];
        };
        JsonNode answer = call(server, "/pypi", method, args);

        assertThat(answer.get("fault")).as(answer.toString()).isNotNull();
        assertThat(answer.get("fault").get(0).asInt()).isEqualTo(-32500);
        assertThat(answer.get("fault").get(1).asText()).matches("(RuntimeError|ValueError): .+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"system.listMethods", "release_downloads", "updated_releases", "changed_packages",
        "package_hosting_mode"})
    void methodsPypiDoesNotHaveAreNotFound(String method) {
        JsonNode answer = call(server, "/RPC2", method, "x");

        assertThat(answer.get("fault").toString()).isEqualTo("[-32601,\"server error; requested method not found\"]");
    }

    @Test
    void argumentErrorsReadAsOnPypi() {
        assertThat(call(server, "/pypi", "browse", "x").get("fault").toString())
                .isEqualTo("[-32602,\"client error; classifiers: Input should be a valid list\"]");
        assertThat(call(server, "/pypi", "package_releases").get("fault").toString())
                .isEqualTo("[-32602,\"client error; package_name: Missing required argument\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pypi", "/pypi/", "/RPC2"})
    void aBadArgumentIsAClientErrorFault(String path) {
        JsonNode answer = call(server, path, "changelog_since_serial", "wrong!");

        assertThat(answer.get("fault")).as(answer.toString()).isNotNull();
        assertThat(answer.get("fault").get(0).asInt()).isEqualTo(-32602);
        assertThat(answer.get("fault").get(1).asText()).isEqualTo("client error; serial: Input should be a valid integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<methodCall><methodName>list_packages_with_serial</methodName><params/></methodCall>",
        "<methodCall><methodName>changelog_since_serial</methodName><params><param><value><i4>1</i4></value>"
                + "</param></params></methodCall>"})
    void bandersnatchSixBodiesGetIntsItCanParse(String call) throws Exception {
        byte[] body = ("<?xml version='1.0' encoding='ASCII'?>\n" + call).getBytes(StandardCharsets.US_ASCII);

        Http.Response response = Http.send("POST", server.uri("/pypi"), body, "Content-Type", "text/xml",
                "User-Agent", "bandersnatch 6.6.0 aiohttp XML-RPC client (Python: 3.11.2.final.0, version: 1.5.0)");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("methodResponse");
        assertThat(doc.getElementsByTagName("param").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("fault").getLength()).as(response.text()).isZero();
        assertThat(response.text()).contains("<int>", "Rpc.Demo", "rpc-other").doesNotContain("<i8>");
    }
}
