package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which representation each {@code Accept} header gets, over HTTP, on the index and on a project
 * page: the table of warehouse-http.md §2.2 (pypi.org does not implement PEP 691's {@code latest}).
 */
class SimpleNegotiationTest {
    private static final String HTML = "text/html; charset=UTF-8";
    private static final String V1_HTML = "application/vnd.pypi.simple.v1+html";
    private static final String V1_JSON = "application/vnd.pypi.simple.v1+json";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        new Seed(server).release("demo", "1.0", null, Seed.sdist("demo-1.0.tar.gz", "demo"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE | text/html",
        "*/* | text/html",
        "garbage | text/html",
        "text/plain | text/html",
        "application/json | text/html",
        "text/html | text/html",
        "application/vnd.pypi.simple.v1+json | v1+json",
        "application/vnd.pypi.simple.v1+html | v1+html",
        "application/vnd.pypi.simple.v1+json, */* | text/html",
        "application/vnd.pypi.simple.v1+json, */*;q=0.1 | v1+json",
        "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01 | v1+json",
        "application/* | v1+html",
        "text/html, application/vnd.pypi.simple.v1+json | text/html",
        "application/vnd.pypi.simple.v1+json;q=0 | text/html",
        "text/html;q=0.5, application/vnd.pypi.simple.v1+html;q=0.5 | text/html",
        "text/html;q=0.4, application/vnd.pypi.simple.v1+json;q=0.5 | v1+json",
        "application/vnd.pypi.simple.latest+json | text/html",
        "application/vnd.pypi.simple.latest+html | text/html",
        "application/vnd.pypi.simple.latest+json, application/vnd.pypi.simple.v1+json;q=0.5 | v1+json",
    })
    void eachAcceptGetsTheTypePypiPicks(String accept, String expected) {
        String contentType = switch (expected) {
            case "v1+json" -> V1_JSON;
            case "v1+html" -> V1_HTML;
            default -> HTML;
        };
        for (String path : new String[] {"/simple/demo/", "/simple/"}) {
            Http.Response response = accept == null ? Http.get(server.uri(path)) : Http.get(server.uri(path), "Accept", accept);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(path).isEqualTo(contentType);
            assertThat(response.header("Vary")).as(path).isEqualTo("Accept");
            assertThat(response.text()).as(path).startsWith(contentType.equals(V1_JSON) ? "{" : "<!DOCTYPE html>");
        }
    }
}
