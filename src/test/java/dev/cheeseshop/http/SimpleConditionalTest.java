package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.RawUpload;
import dev.cheeseshop.testing.TestServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strong ETags and conditional GET on the Simple API, and ETags that change exactly with the page. */
class SimpleConditionalTest {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";

    @TempDir
    Path tmp;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        upload("1.0");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMatchingIfNoneMatchGets304WithTheSameHeaders() {
        for (String path : new String[] {"/simple/etag-demo/", "/simple/"}) {
            for (String accept : new String[] {"text/html", JSON}) {
                Http.Response page = Http.get(server.uri(path), "Accept", accept);
                String etag = page.header("ETag");
                assertThat(etag).as(path + " " + accept).matches("\"[^\"]+\"");
                Http.Response again = Http.get(server.uri(path), "Accept", accept, "If-None-Match", etag);
                assertThat(again.status()).as(path + " " + accept).isEqualTo(304);
                assertThat(again.body()).isEmpty();
                assertThat(again.header("ETag")).isEqualTo(etag);
                assertThat(again.header("Vary")).isEqualTo("Accept");
                assertThat(again.header("X-PyPI-Last-Serial")).isEqualTo(page.header("X-PyPI-Last-Serial"));
                assertThat(again.header("Cache-Control")).isEqualTo("max-age=600, public");
                assertThat(again.header("Access-Control-Allow-Origin")).isEqualTo("*");
            }
        }
    }

    @Test
    void anotherOrAWeakOrAListedEtag() {
        String etag = Http.get(server.uri("/simple/etag-demo/")).header("ETag");
        assertThat(Http.get(server.uri("/simple/etag-demo/"), "If-None-Match", "\"nope\"").status()).isEqualTo(200);
        assertThat(Http.get(server.uri("/simple/etag-demo/"), "If-None-Match", "W/" + etag).status()).isEqualTo(304);
        assertThat(Http.get(server.uri("/simple/etag-demo/"), "If-None-Match", "\"x\", " + etag).status()).isEqualTo(304);
        assertThat(Http.get(server.uri("/simple/etag-demo/"), "If-None-Match", "*").status()).isEqualTo(304);
    }

    @Test
    void htmlAndJsonPagesHaveDifferentEtags() {
        String html = Http.get(server.uri("/simple/etag-demo/")).header("ETag");
        String json = Http.get(server.uri("/simple/etag-demo/"), "Accept", JSON).header("ETag");
        assertThat(html).isNotEqualTo(json);
        assertThat(Http.get(server.uri("/simple/etag-demo/"), "Accept", JSON, "If-None-Match", html).status())
                .isEqualTo(200);
    }

    @Test
    void aProjectPageEtagIsTheDigestOfItsBytes() throws Exception {
        for (String accept : new String[] {"text/html", JSON}) {
            Http.Response page = Http.get(server.uri("/simple/etag-demo/"), "Accept", accept);
            assertThat(page.body()).as(accept).isNotEmpty();
            assertThat(page.header("ETag")).as(accept).isEqualTo(md5Etag(page.body()));
        }
    }

    @Test
    void anUploadChangesTheEtagsAndANoOpReUploadDoesNot() throws Exception {
        String html = Http.get(server.uri("/simple/etag-demo/")).header("ETag");
        String json = Http.get(server.uri("/simple/etag-demo/"), "Accept", JSON).header("ETag");
        String index = Http.get(server.uri("/simple/"), "Accept", JSON).header("ETag");

        Path wheel = upload("1.1");
        String html2 = Http.get(server.uri("/simple/etag-demo/")).header("ETag");
        String json2 = Http.get(server.uri("/simple/etag-demo/"), "Accept", JSON).header("ETag");
        String index2 = Http.get(server.uri("/simple/"), "Accept", JSON).header("ETag");
        assertThat(html2).isNotEqualTo(html);
        assertThat(json2).isNotEqualTo(json);
        assertThat(index2).isNotEqualTo(index);
        assertThat(Http.get(server.uri("/simple/etag-demo/"), "If-None-Match", html).status()).isEqualTo(200);

        send(wheel, "1.1"); // the identical file again: 200, and nothing changes
        assertThat(Http.get(server.uri("/simple/etag-demo/")).header("ETag")).isEqualTo(html2);
        assertThat(Http.get(server.uri("/simple/etag-demo/"), "Accept", JSON).header("ETag")).isEqualTo(json2);
        assertThat(Http.get(server.uri("/simple/"), "Accept", JSON).header("ETag")).isEqualTo(index2);
        assertThat(Http.get(server.uri("/simple/etag-demo/"), "If-None-Match", html2).status()).isEqualTo(304);
    }

    @Test
    void theHtmlIndexEtagIsTheDigestOfItsBytesAndChangesOnlyWithTheListing() throws Exception {
        Http.Response index = Http.get(server.uri("/simple/"));
        assertThat(index.header("ETag")).isEqualTo(md5Etag(index.body()));

        upload("2.0"); // a new release of a listed project: the HTML listing is the same
        Http.Response same = Http.get(server.uri("/simple/"));
        assertThat(same.body()).isEqualTo(index.body());
        assertThat(same.header("ETag")).isEqualTo(index.header("ETag"));
        assertThat(same.header("X-PyPI-Last-Serial")).isNotEqualTo(index.header("X-PyPI-Last-Serial"));
        assertThat(Http.get(server.uri("/simple/"), "If-None-Match", index.header("ETag")).status()).isEqualTo(304);

        new dev.cheeseshop.testing.Seed(server).release("another", "1.0", null,
                dev.cheeseshop.testing.Seed.sdist("another-1.0.tar.gz", "x"));
        Http.Response changed = Http.get(server.uri("/simple/"));
        assertThat(changed.text()).contains("/simple/another/");
        assertThat(changed.header("ETag")).isNotEqualTo(index.header("ETag"))
                .isEqualTo(md5Etag(changed.body()));
    }

    /**
     * PyPI's ETag (WebOb's {@code md5_etag}) written out here rather than taken from the server's
     * code: the MD5 of the body in base64 without its {@code =} padding, quoted. The same
     * function of a golden page is checked against Python's hashlib and base64 in
     * index/SimpleJsonTest and index/SimpleHtmlTest.
     */
    private static String md5Etag(byte[] body) throws NoSuchAlgorithmException {
        return "\"" + Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("MD5").digest(body))
                + "\"";
    }

    private Path upload(String version) throws Exception {
        Path wheel = TestArchives.wheel("etag-demo", version).writeTo(tmp);
        send(wheel, version);
        return wheel;
    }

    private void send(Path wheel, String version) throws Exception {
        Http.Response response = RawUpload.wheel(server.url(), TestServer.ALICE, TestServer.ALICE_PASSWORD, wheel,
                "etag-demo", version);
        assertThat(response.status()).as(response.reason()).isEqualTo(200);
    }
}
