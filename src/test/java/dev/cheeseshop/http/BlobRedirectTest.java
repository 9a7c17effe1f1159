package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.store.blob.S3BlobStore;
import dev.cheeseshop.store.blob.S3Options;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.S3Proxy;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --blob-redirect}: with files on S3 and redirects on, a download that a file row names is
 * a 302 to a presigned URL on the object store, which answers the bytes; without a row, still 404.
 */
class BlobRedirectTest {
    private static final String WHEEL = "wheel bytes on S3 0123456789";
    private static final String METADATA = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n";

    @TempDir
    static Path serverDir;

    private static S3Proxy s3;
    private static S3BlobStore blobs;
    private static TestServer server;
    private static DistFile wheel;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3Proxy.start(serverDir);
        blobs = S3BlobStore.connect(s3.location(s3.createBucket(), "files"), s3.credentials(), Clock.systemUTC(),
                S3Options.DEFAULT.withRedirects(Duration.ofMinutes(5)));
        server = TestServer.start(UnaryOperator.identity(), Clock.systemUTC(), local -> blobs);
        wheel = new Seed(server).release("demo", "1.0", null,
                Seed.wheel("demo-1.0-py3-none-any.whl", WHEEL, METADATA)).get(0);
    }

    @AfterAll
    static void stop() {
        try (S3Proxy closing = s3; S3BlobStore closingBlobs = blobs) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aFileIsARedirectToAPresignedUrlThatServesItsBytes() {
        Http.Response response = Http.get(server.uri("/packages/" + wheel.path()));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        URI location = URI.create(response.header("Location"));
        assertThat(location.toString()).startsWith(s3.endpoint() + "/").contains("files/" + wheel.path())
                .contains("X-Amz-Signature=");
        Http.Response object = Http.get(location);
        assertThat(object.status()).isEqualTo(200);
        assertThat(object.text()).isEqualTo(WHEEL);
        assertThat(object.header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void theMetadataFileToo() {
        Http.Response response = Http.get(server.uri("/packages/" + wheel.path() + ".metadata"));

        assertThat(response.status()).isEqualTo(302);
        Http.Response object = Http.get(URI.create(response.header("Location")));
        assertThat(object.text()).isEqualTo(METADATA);
        assertThat(object.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void headIsARedirectToo() {
        Http.Response response = Http.send("HEAD", server.uri("/packages/" + wheel.path()), null);
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).contains("X-Amz-Signature=");
    }

    @Test
    void aRedirectedDownloadIsCountedOnceButHeadAndMetadataAreNot() throws Exception {
        DistFile counted = new Seed(server).release("counted", "1.0", null,
                Seed.wheel("counted-1.0-py3-none-any.whl", "counted wheel", METADATA)).get(0);
        assertThat(Http.get(server.uri("/packages/" + counted.path())).status()).isEqualTo(302);
        assertThat(Http.get(server.uri("/packages/" + counted.path())).status()).isEqualTo(302);
        assertThat(Http.send("HEAD", server.uri("/packages/" + counted.path()), null).status()).isEqualTo(302);
        assertThat(Http.get(server.uri("/packages/" + counted.path() + ".metadata")).status()).isEqualTo(302);
        server.app().downloads().flush();

        try (Connection conn = server.storage().connect(); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT SUM(downloads) FROM download_counts WHERE file_id = " + counted.id())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void anOrphanIsStill404AndNoUrlIsGiven() throws IOException {
        String orphan = "aa/bb/cccc/orphan-1.0.tar.gz";
        blobs.put(orphan, "not committed".getBytes(StandardCharsets.UTF_8));
        Http.Response response = Http.get(server.uri("/packages/" + orphan));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers()).doesNotContainKey("Location");
    }

    @Test
    void filesAreStillReadThroughTheServerByStoresWithoutRedirects() throws IOException {
        try (S3BlobStore streaming = S3BlobStore.connect(blobs.location(), s3.credentials(), Clock.systemUTC(),
                S3Options.DEFAULT)) {
            assertThat(streaming.redirect(wheel.path(), "application/octet-stream")).isEmpty();
            assertThat(List.of(streaming.open(wheel.path()).orElseThrow().size())).containsExactly((long) WHEEL.length());
        }
    }
}
