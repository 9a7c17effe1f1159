package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.xmlrpc.RequestParser;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code changelog_since_serial} over HTTP, as a mirror calls it. */
public final class Changelog {
    private Changelog() {}

    /** Rows of name, version, time, action, serial after {@code serial}, from the server at {@code base}. */
    public static List<List<?>> since(URI base, long serial) {
        String body = "<?xml version='1.0'?>\n<methodCall>\n<methodName>changelog_since_serial</methodName>\n"
                + "<params>\n<param>\n<value><int>" + serial + "</int></value>\n</param>\n</params>\n</methodCall>\n";
        Http.Response response = Http.send("POST", base.resolve("/pypi"), body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/xml");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.text()).doesNotContain("<fault>");
        String xml = response.text()
                .replace("<methodResponse>", "<methodCall><methodName>r</methodName>")
                .replace("</methodResponse>", "</methodCall>");
        Object result = new RequestParser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .params().get(0);
        List<List<?>> rows = new ArrayList<>();
        for (Object row : (List<?>) result) {
            rows.add((List<?>) row);
        }
        return rows;
    }
}
