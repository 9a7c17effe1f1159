package dev.cheeseshop.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The XML-RPC mirroring trio over HTTP, on all three endpoints. */
class MirroringEndpointTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anEmptyJournalHasANilLastSerial() {
        try (TestServer empty = TestServer.start()) {
            Http.Response response = call(empty, "/pypi", "changelog_last_serial");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("text/xml; charset=UTF-8");
            assertThat(response.text()).contains("<nil/>");
        }
    }

    @Test
    void theChangelogFollowsEveryChangeOnEveryEndpoint() throws Exception {
        long before = lastSerial();
        new Seed(server).release("Demo.Pkg", "1.0", null, Seed.sdist("demo_pkg-1.0.tar.gz", "x"));
        for (String path : List.of("/pypi", "/pypi/", "/RPC2")) {
            assertThat(result(call(path, "changelog_last_serial"))).isEqualTo(before + 3);
            List<?> rows = (List<?>) result(call(path, "changelog_since_serial", "<int>" + before + "</int>"));
            assertThat(rows).hasSize(3);
            List<?> first = (List<?>) rows.get(0);
            assertThat(first.get(0)).isEqualTo("Demo.Pkg");
            assertThat(first.get(1)).isNull();
            assertThat(first.get(2)).isInstanceOf(Long.class);
            assertThat(first.get(3)).isEqualTo("create");
            assertThat(first.get(4)).isEqualTo(before + 1);
            assertThat(((List<?>) rows.get(2)).subList(0, 2)).isEqualTo(List.of("Demo.Pkg", "1.0"));
            assertThat((List<?>) result(call(path, "changelog_since_serial", "<i4>" + (before + 2) + "</i4>"))).hasSize(1);
            assertThat((List<?>) result(call(path, "changelog_since_serial", "<int>" + (before + 3) + "</int>"))).isEmpty();
            assertThat((List<?>) result(call(path, "changelog_since_serial", "<i8>99999999999</i8>"))).isEmpty();
            assertThat((List<?>) result(call(path, "changelog_since_serial", "<int>-5</int>")))
                    .hasSize((int) (before + 3));
            assertThat(((Map<?, ?>) result(call(path, "list_packages_with_serial"))).get("Demo.Pkg")).isEqualTo(before + 3);
        }
    }

    @Test
    void integersGoOutAsIntNeverI8() {
        new Seed(server).release("ints", "1.0", null, Seed.sdist("ints-1.0.tar.gz", "ints"));
        String body = call("/pypi", "changelog_since_serial", "<int>0</int>").text();
        assertThat(body).contains("<int>").doesNotContain("<i8>").doesNotContain("<i4>");
    }

    @Test
    void nonAsciiActionsAreSanitizedAsPypiDoes() throws Exception {
        long before = lastSerial();
        server.app().store().write(tx -> {
            var project = tx.projects().insert(ProjectName.of("accents"), Instant.now());
            return tx.journal().append(project.displayName(), null, "add Owner josé", Instant.now(), "josé");
        });
        List<?> rows = (List<?>) result(call("/pypi", "changelog_since_serial", "<int>" + before + "</int>"));
        assertThat(((List<?>) rows.get(0)).get(3)).isEqualTo("add Owner jos&#233;");
    }

    @Test
    void badArgumentsAreFaultsInAnHttp200() {
        Http.Response response = call("/pypi", "changelog_since_serial", "<string>wrong!</string>");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("<int>-32602</int>")
                .contains("client error; serial: Input should be a valid integer");
    }

    private static long lastSerial() {
        return server.app().store().read(tx -> tx.journal().last()).map(s -> s.value()).orElse(0L);
    }

    private static Http.Response call(String path, String method, String... params) {
        return call(server, path, method, params);
    }

    private static Http.Response call(TestServer server, String path, String method, String... params) {
        StringBuilder body = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>" + method
                + "</methodName>\n<params>\n");
        for (String param : params) {
            body.append("<param>\n<value>").append(param).append("</value>\n</param>\n");
        }
        body.append("</params>\n</methodCall>\n");
        return Http.send("POST", server.uri(path), body.toString().getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/xml");
    }

    /** Reads a methodResponse back with the project's own parser (the responses are valid requests' values). */
    private static Object result(Http.Response response) throws Exception {
        String xml = response.text()
                .replace("<methodResponse>", "<methodCall><methodName>r</methodName>")
                .replace("</methodResponse>", "</methodCall>");
        MethodCall call = new RequestParser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return call.params().get(0);
    }
}
