package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.Rpc.call;
import static dev.cheeseshop.xmlrpc.Rpc.fault;
import static dev.cheeseshop.xmlrpc.Rpc.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP side of the XML-RPC endpoint (warehouse-xmlrpc.md §2): every row of the fault
 * catalogue (§2.4) as a client receives it, in an HTTP 200 {@code text/xml; charset=UTF-8}, on all
 * three paths; and what requests that are not XML-RPC get (§2.5).
 */
class EndpointTransportTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** §2.4, one row each; -32403 is defined by PyPI but unused, so it has no row here. */
    static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of("not well formed", "<methodCall><methodName>changelog_last_serial",
                        -32700, "parse error; not well formed"),
                Arguments.of("empty body", "", -32700, "parse error; not well formed"),
                Arguments.of("bad int text", Rpc.body("changelog_since_serial", "<int>1x</int>"),
                        -32700, "parse error; not well formed"),
                Arguments.of("bad boolean", Rpc.body("package_releases", "<string>x</string>",
                        "<boolean>2</boolean>"), -32700, "parse error; not well formed"),
                Arguments.of("unknown method", Rpc.body("system.listMethods"),
                        -32601, "server error; requested method not found"),
                Arguments.of("no methodName", "<?xml version='1.0'?><methodCall><params/></methodCall>",
                        -32601, "server error; requested method not found"),
                Arguments.of("argument validation", Rpc.body("changelog_since_serial", "<string>5</string>"),
                        -32602, "client error; serial: Input should be a valid integer"),
                Arguments.of("disabled method", Rpc.body("changelog", "<int>0</int>"),
                        -32500, "ValueError: The changelog method has been deprecated, use changelog_since_serial"
                                + " instead."));
    }

    @ParameterizedTest(name = "{0} on {4}")
    @MethodSource("everyPath")
    void eachFaultIsAnHttp200TextXml(String row, String body, int code, String string, String path) {
        Rpc.Fault fault = fault(send(server, "POST", path, "text/xml", body));

        assertThat(fault).isEqualTo(new Rpc.Fault(code, string));
    }

    static Stream<Arguments> everyPath() {
        return catalogue().flatMap(row -> Stream.of("/pypi", "/pypi/", "/RPC2").map(path -> {
            Object[] args = row.get();
            return Arguments.of(args[0], args[1], args[2], args[3], path);
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "OPTIONS"})
    void aCallThatIsNotAPostIsAnApplicationError(String method) {
        Http.Response response = send(server, method, "/RPC2", "text/xml", Rpc.body("changelog_last_serial"));

        assertThat(fault(response)).isEqualTo(new Rpc.Fault(-32500, "application error"));
    }

    @Test
    void anUnknownMethodIsNotFoundWhateverTheHttpMethod() {
        Http.Response response = send(server, "PUT", "/pypi", "text/xml", Rpc.body("no_such_method"));

        assertThat(fault(response).code()).isEqualTo(-32601);
    }

    @Test
    void aGetWithTextXmlAndNoBodyIsAParseError() {
        Http.Response response = Http.get(server.uri("/RPC2"), "Content-Type", "text/xml");

        assertThat(fault(response)).isEqualTo(new Rpc.Fault(-32700, "parse error; not well formed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/xml", "text/xml; charset=utf-8", "text/xml;charset=ISO-8859-1", "text/xmlfoo"})
    void anyContentTypeStartingWithTextXmlIsXmlRpc(String contentType) {
        Object serial = Rpc.result(send(server, "POST", "/pypi", contentType, Rpc.body("changelog_last_serial")));

        assertThat(serial).isNull();
    }

    /** §2.5: the plain HTTP answers, for GET and for a POST of another content type. */
    @ParameterizedTest(name = "{0} {1} [{2}]")
    @CsvSource({
        "GET,  /pypi,       ,                                  301, /pypi/",
        "GET,  /pypi/,      ,                                  301, /",
        "GET,  /RPC2,       ,                                  404, ",
        "HEAD, /pypi,       ,                                  301, /pypi/",
        "POST, /pypi,       application/xml,                   301, /pypi/",
        "POST, /pypi/,      application/x-www-form-urlencoded, 301, /",
        "POST, /RPC2,       application/json,                  404, ",
        "POST, /RPC2,       ,                                  404, ",
        "GET,  /pypi?a=1&b, ,                                  301, /pypi/?a=1&b"})
    void requestsThatAreNotXmlRpcGetPlainHttpAnswers(String method, String path, String contentType, int status,
                                                     String location) {
        byte[] body = method.equals("POST") ? Rpc.body("changelog_last_serial").getBytes() : null;
        Http.Response response = contentType == null ? Http.send(method, server.uri(path), body)
                : Http.send(method, server.uri(path), body, "Content-Type", contentType);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Location")).isEqualTo(location);
        assertThat(response.text()).doesNotContain("<methodResponse>", "Exception");
    }

    /** PyPI's old {@code /pypi?:action=...} interface: feeds redirect, uploads are gone. */
    @ParameterizedTest(name = "{0} {1} [{2}]")
    @CsvSource({
        "GET,  /pypi?:action=rss,           ,                                   301, /rss/updates.xml",
        "GET,  /pypi?:action=packages_rss,  ,                                   301, /rss/packages.xml",
        "GET,  /pypi?:action=doap&name=x,   ,                                   410, ",
        "POST, /pypi?:action=file_upload,   multipart/form-data; boundary=b,    410, ",
        "POST, /pypi,                       multipart/form-data; boundary=b,    410, ",
        "POST, /pypi,                       application/x-www-form-urlencoded,  410, ",
        "GET,  /pypi?:action=nonsense,      ,                                   301, /pypi/?:action=nonsense"})
    void legacyActionsOnPypiAnswerAsPypiDoes(String method, String path, String contentType, int status,
                                            String location) {
        byte[] body = method.equals("POST") ? "--b--\r\n".getBytes() : null;
        Http.Response response = contentType == null ? Http.send(method, server.uri(path), body)
                : Http.send(method, server.uri(path), body, "Content-Type", contentType);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Location")).isEqualTo(location);
        if (status == 410) {
            assertThat(response.reason()).isIn("DOAP is no longer supported.",
                    "This API has moved to /legacy/. Point your upload tool at it.");
            assertThat(response.text()).contains(response.reason());
        }
    }

    @Test
    void noRateLimitHeadersWhenThereIsNoLimit() {
        Http.Response response = call(server, "/pypi", "changelog_last_serial");

        assertThat(response.header("RateLimit")).isNull();
        assertThat(response.header("RateLimit-Policy")).isNull();
    }
}
