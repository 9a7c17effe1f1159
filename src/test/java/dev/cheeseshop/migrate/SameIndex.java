package dev.cheeseshop.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two servers answer alike, byte for byte, where a mirror and an installer look: the mirroring
 * XML-RPC calls, the Simple index and every project page in both forms, and every file.
 */
final class SameIndex {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";
    private static final Pattern PROJECT = Pattern.compile("<a href=\"/simple/([^/\"]+)/\">");

    private SameIndex() {}

    static void assertSame(URI source, URI target, Collection<String> blobKeys) {
        for (String call : List.of(xmlrpc("list_packages_with_serial", ""),
                xmlrpc("changelog_since_serial", "<param><value><int>0</int></value></param>"),
                xmlrpc("changelog_last_serial", ""))) {
            assertThat(post(target, call)).as(call).isEqualTo(post(source, call));
        }
        Http.Response index = Http.get(source.resolve("/simple/"));
        assertThat(index.status()).isEqualTo(200);
        List<String> pages = new ArrayList<>(List.of("/simple/"));
        Matcher projects = PROJECT.matcher(index.text());
        while (projects.find()) {
            pages.add("/simple/" + projects.group(1) + "/");
        }
        assertThat(pages).hasSizeGreaterThan(3);
        for (String page : pages) {
            for (String accept : List.of("text/html", JSON)) {
                Http.Response from = Http.get(source.resolve(page), "Accept", accept);
                Http.Response to = Http.get(target.resolve(page), "Accept", accept);
                assertThat(to.status()).as(page).isEqualTo(from.status()).isEqualTo(200);
                assertThat(to.text()).as(page + " " + accept).isEqualTo(from.text());
                assertThat(to.header("X-PyPI-Last-Serial")).isEqualTo(from.header("X-PyPI-Last-Serial"));
                assertThat(to.header("ETag")).isEqualTo(from.header("ETag"));
            }
        }
        int served = 0;
        for (String key : blobKeys) {
            // A quarantined release's files are 404 on both.
            Http.Response from = Http.get(source.resolve("/packages/" + key));
            Http.Response to = Http.get(target.resolve("/packages/" + key));
            assertThat(to.status()).as(key).isEqualTo(from.status());
            assertThat(to.body()).as(key).isEqualTo(from.body());
            served += from.status() == 200 ? 1 : 0;
        }
        assertThat(served).as("files served").isGreaterThan(blobKeys.size() / 2);
    }

    private static String xmlrpc(String method, String params) {
        return "<?xml version='1.0'?>\n<methodCall>\n<methodName>" + method + "</methodName>\n<params>\n" + params
                + "</params>\n</methodCall>\n";
    }

    private static String post(URI server, String call) {
        Http.Response response = Http.send("POST", server.resolve("/pypi"), call.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/xml");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).doesNotContain("<fault>");
        return response.text();
    }
}
