package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Files and their PEP 658 metadata under /packages/: bytes, headers, HEAD, ranges, 304, 404. */
class FileDownloadTest {
    private static final String WHEEL = "wheel bytes 0123456789";
    private static final String METADATA = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n";
    private static TestServer server;
    private static DistFile wheel;
    private static DistFile sdist;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        List<DistFile> files = new Seed(server).release("demo", "1.0", null,
                Seed.wheel("demo-1.0-py3-none-any.whl", WHEEL, METADATA), Seed.sdist("demo-1.0.tar.gz", "sdist"));
        wheel = files.get(0);
        sdist = files.get(1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesTheExactBytesWithImmutableCachingAndAStrongEtag() {
        Http.Response response = Http.get(url(wheel.path()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo(WHEEL);
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(WHEEL.length()));
        assertThat(response.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(response.header("ETag")).isEqualTo("\"" + wheel.digests().sha256() + "\"");
        assertThat(response.header("Cache-Control")).contains("immutable");
        assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
    }

    @Test
    void servesTheWheelMetadataBeside() {
        Http.Response response = Http.get(url(wheel.path() + ".metadata"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo(METADATA);
        assertThat(Seed.sha256(response.body())).isEqualTo(wheel.metadataDigests().sha256());
    }

    @Test
    void anSdistHasNoMetadataFile() {
        assertThat(Http.get(url(sdist.path() + ".metadata")).status()).isEqualTo(404);
    }

    @Test
    void headGivesTheHeadersOnly() {
        Http.Response response = Http.send("HEAD", url(wheel.path()), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(WHEEL.length()));
        assertThat(response.body()).isEmpty();
    }

    @Test
    void rangesGivePartialContent() {
        Http.Response response = Http.get(url(wheel.path()), "Range", "bytes=0-9");
        assertThat(response.status()).isEqualTo(206);
        assertThat(response.text()).isEqualTo(WHEEL.substring(0, 10));
        assertThat(response.header("Content-Range")).isEqualTo("bytes 0-9/" + WHEEL.length());
        Http.Response tail = Http.get(url(wheel.path()), "Range", "bytes=-4");
        assertThat(tail.text()).isEqualTo("6789");
        Http.Response beyond = Http.get(url(wheel.path()), "Range", "bytes=1000-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + WHEEL.length());
    }

    @Test
    void aMatchingEtagIsNotModified() {
        Http.Response response = Http.get(url(wheel.path()), "If-None-Match", "\"" + wheel.digests().sha256() + "\"");
        assertThat(response.status()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void unknownPathsAre404() {
        String dir = wheel.path().substring(0, wheel.path().lastIndexOf('/') + 1);
        assertThat(Http.get(url(dir + "nope-0.0-py3-none-any.whl")).status()).isEqualTo(404);
        assertThat(Http.get(url("nothing")).status()).isEqualTo(404);
    }

    @Test
    void anOrphanBlobIsNeverServed() throws IOException {
        String orphan = "aa/bb/cccc/orphan-1.0.tar.gz";
        server.app().blobs().put(orphan, "not committed".getBytes(StandardCharsets.UTF_8));
        assertThat(Http.get(url(orphan)).status()).isEqualTo(404);
    }

    @Test
    void pathTraversalFindsNothing() {
        assertThat(Http.get(server.uri("/packages/../cheeseshop.db")).status()).isIn(400, 404);
        assertThat(Http.get(server.uri("/packages/%2e%2e/cheeseshop.db")).status()).isIn(400, 404);
    }

    private static java.net.URI url(String path) {
        return server.uri("/packages/" + path);
    }
}
