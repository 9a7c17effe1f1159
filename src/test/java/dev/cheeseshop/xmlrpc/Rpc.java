package dev.cheeseshop.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * XML-RPC over HTTP against a running {@link TestServer}: CPython-shaped request bodies, and the
 * answers read back with the project's own parser (a response's values are valid request values).
 */
final class Rpc {
    private Rpc() {
    }

    /** A fault as the client sees it. */
    record Fault(int code, String string) {}

    /** POSTs a call as {@code text/xml}; each param is a value's inner XML, e.g. {@code <int>5</int>}. */
    static Http.Response call(TestServer server, String path, String method, String... params) {
        return send(server, "POST", path, "text/xml", body(method, params));
    }

    static Http.Response send(TestServer server, String httpMethod, String path, String contentType, String body) {
        return Http.send(httpMethod, server.uri(path), body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", contentType);
    }

    static String body(String method, String... params) {
        StringBuilder body = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>" + method
                + "</methodName>\n<params>\n");
        for (String param : params) {
            body.append("<param>\n<value>").append(param).append("</value>\n</param>\n");
        }
        return body.append("</params>\n</methodCall>\n").toString();
    }

    /** An XML-RPC array of strings, as a param. */
    static String strings(String... items) {
        StringBuilder xml = new StringBuilder("<array><data>\n");
        for (String item : items) {
            xml.append("<value><string>").append(item).append("</string></value>\n");
        }
        return xml.append("</data></array>").toString();
    }

    /** The result of a successful call, checking the transport on the way. */
    static Object result(Http.Response response) {
        transport(response);
        assertThat(response.text()).as(response.text()).doesNotContain("<fault>");
        String xml = response.text()
                .replace("<methodResponse>", "<methodCall><methodName>r</methodName>")
                .replace("</methodResponse>", "</methodCall>");
        MethodCall call = new RequestParser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return call.params().get(0);
    }

    /** The fault of a failed call, checking the transport on the way. */
    static Fault fault(Http.Response response) {
        transport(response);
        String xml = response.text()
                .replace("<methodResponse>\n<fault>", "<methodCall><methodName>r</methodName><params><param>")
                .replace("</fault>\n</methodResponse>", "</param></params></methodCall>");
        MethodCall call = new RequestParser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Map<?, ?> struct = (Map<?, ?>) call.params().get(0);
        assertThat(List.copyOf(struct.keySet())).isEqualTo(List.of("faultCode", "faultString"));
        return new Fault(((Number) struct.get("faultCode")).intValue(), (String) struct.get("faultString"));
    }

    /** Every XML-RPC answer, result or fault: HTTP 200, text/xml; charset=UTF-8, ints as {@code <int>}. */
    static void transport(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/xml; charset=UTF-8");
        assertThat(response.text()).startsWith("<?xml version='1.0'?>\n<methodResponse>\n")
                .doesNotContain("<i4>", "<i8>");
    }

    static List<?> list(Object value) {
        return (List<?>) value;
    }
}
