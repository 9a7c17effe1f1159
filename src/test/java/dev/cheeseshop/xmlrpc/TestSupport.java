package dev.cheeseshop.xmlrpc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for the xmlrpc tests. */
final class TestSupport {
    private TestSupport() {
    }

    static byte[] resource(String path) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/xmlrpc/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resourceText(String path) {
        return new String(resource(path), StandardCharsets.UTF_8);
    }

    static List<String[]> tsv(String path) {
        List<String[]> rows = new ArrayList<>();
        for (String line : resourceText(path).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    static MethodCall parse(byte[] body) {
        return new RequestParser().parse(new ByteArrayInputStream(body));
    }

    static MethodCall parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    static MethodCall parse(String body, Limits limits) {
        return new RequestParser(limits).parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A call with the given param XML fragments, e.g. {@code "<value><int>1</int></value>"}. */
    static String call(String method, String... paramValues) {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<methodCall><methodName>")
                .append(method).append("</methodName><params>");
        for (String v : paramValues) {
            sb.append("<param>").append(v).append("</param>");
        }
        return sb.append("</params></methodCall>").toString();
    }

    /** The single parameter value of a one-param call whose value is {@code valueXml}. */
    static Object value(String valueXml) {
        return parse(call("m", valueXml)).params().get(0);
    }

    static XmlRpcFault parseFault(String body) {
        return parseFault(body.getBytes(StandardCharsets.UTF_8), Limits.DEFAULTS);
    }

    static XmlRpcFault parseFault(byte[] body, Limits limits) {
        RequestParser parser = new RequestParser(limits);
        XmlRpcFault[] caught = new XmlRpcFault[1];
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(body)))
                .isInstanceOfSatisfying(XmlRpcFault.class, f -> caught[0] = f);
        return caught[0];
    }

    static String write(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResponseWriter.writeResponse(out, value);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Turns a methodResponse into a methodCall so {@link RequestParser} can read its value back. */
    static Object readBack(String response) {
        String body = response
                .replace("<methodResponse>", "<methodCall><methodName>r</methodName>")
                .replace("</methodResponse>", "</methodCall>");
        return parse(body).params().get(0);
    }
}
