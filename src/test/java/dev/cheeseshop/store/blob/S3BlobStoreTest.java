package dev.cheeseshop.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.BlobStoreContract;
import dev.cheeseshop.testing.S3Proxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The blob store contract on a real S3-compatible server (s3proxy), and what only S3 does. */
class S3BlobStoreTest extends BlobStoreContract {
    private static final long MIB = 1024 * 1024;
    /** S3's smallest part, so a file of a few parts stays small. */
    private static final S3Options SMALL_PARTS = new S3Options(5 * MIB, 5 * MIB,
            java.util.Optional.empty());

    @TempDir
    static Path serverDir;

    private static S3Proxy server;
    private final List<S3BlobStore> opened = new ArrayList<>();
    private String bucket;

    @BeforeAll
    static void startServer() throws IOException {
        server = S3Proxy.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected BlobStore newStore(Clock clock) {
        bucket = server.createBucket();
        return store(server.location(bucket, "pypi"), clock, SMALL_PARTS);
    }

    private S3BlobStore store(S3Location location, Clock clock, S3Options options) {
        S3BlobStore store = S3BlobStore.connect(location, server.credentials(), clock, options);
        opened.add(store);
        return store;
    }

    private S3BlobStore store(S3Location location, Clock clock, S3Options options, Requests requests) {
        S3BlobStore store = S3BlobStore.connect(location, server.credentials(), clock, options,
                ClientOverrideConfiguration.builder().addExecutionInterceptor(requests).build());
        opened.add(store);
        return store;
    }

    /** The SDK's record of the requests a store sent: each operation, with its body's length if any. */
    private static final class Requests implements ExecutionInterceptor {
        final List<String> sent = new CopyOnWriteArrayList<>();
        /** Run once the first part has gone up. */
        volatile Action afterFirstPart = () -> {};

        interface Action {
            void run() throws IOException;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest part && part.partNumber() == 1) {
                try {
                    afterFirstPart.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            String operation = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
            boolean content = operation.equals("PutObject") || operation.equals("UploadPart");
            sent.add(operation + (content ? context.requestBody().flatMap(RequestBody::optionalContentLength)
                    .map(length -> " " + length).orElse(" ?") : ""));
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3BlobStore::close);
    }

    @Test
    void blobsAreObjectsAtTheirKeyUnderThePrefixWithTheirWriteTime() throws IOException {
        blobs.put(KEY, new byte[] {42});
        ResponseBytes<GetObjectResponse> object = server.client().getObjectAsBytes(b -> b.bucket(bucket)
                .key("pypi/" + KEY));
        assertThat(object.asByteArray()).containsExactly(42);
        assertThat(object.response().metadata()).containsEntry("cheeseshop-written", clock.instant().toString());
    }

    @Test
    void aLargeFileGoesUpInPartsAndReadsBackByteForByte() throws IOException {
        byte[] content = randomBytes(12 * MIB + 12345, 1);
        Path source = Files.write(scratch.resolve("large.whl"), content);
        Requests requests = new Requests();
        blobs = store(server.location(bucket, "pypi"), clock, SMALL_PARTS, requests);

        blobs.put(KEY, source);

        assertThat(requests.sent).containsExactly("CreateMultipartUpload", "UploadPart " + 5 * MIB,
                "UploadPart " + 5 * MIB, "UploadPart " + (2 * MIB + 12345), "CompleteMultipartUpload");
        assertThat(blobs.info(KEY)).contains(new BlobStore.BlobInfo(KEY, content.length, clock.instant()));
        BlobStore.Blob blob = blobs.open(KEY).orElseThrow();
        assertThat(blob.size()).isEqualTo(content.length);
        assertThat(read(blob, 0, content.length)).isEqualTo(content);
        long acrossParts = 5 * MIB - 100;
        assertThat(read(blob, acrossParts, 5 * MIB + 200))
                .isEqualTo(Arrays.copyOfRange(content, (int) acrossParts, (int) (acrossParts + 5 * MIB + 200)));
        assertThat(read(blob, content.length - 7, 7))
                .isEqualTo(Arrays.copyOfRange(content, content.length - 7, content.length));
    }

    @Test
    void aFileAtTheThresholdGoesUpInOnePut() throws IOException {
        Path source = Files.write(scratch.resolve("five.whl"), randomBytes(5 * MIB, 2));
        Requests requests = new Requests();
        blobs = store(server.location(bucket, "pypi"), clock, SMALL_PARTS, requests);
        blobs.put(KEY, source);
        assertThat(requests.sent).containsExactly("PutObject " + 5 * MIB);
        assertThat(read(blobs.open(KEY).orElseThrow(), 0, 5 * MIB)).isEqualTo(Files.readAllBytes(source));
    }

    /** The staged file vanishes after the first part went up: the upload fails, and is aborted. */
    @Test
    void aFailedMultipartUploadIsAbortedAndLeavesNothing() throws IOException {
        Path source = Files.write(scratch.resolve("vanishing.whl"), randomBytes(12 * MIB, 3));
        Requests requests = new Requests();
        requests.afterFirstPart = () -> Files.delete(source);
        blobs = store(server.location(bucket, "pypi"), clock, SMALL_PARTS, requests);

        assertThatThrownBy(() -> blobs.put(KEY, source)).isInstanceOf(IOException.class)
                .hasMessageContaining("aborted").hasMessageContaining(source.toString());

        assertThat(requests.sent).containsExactly("CreateMultipartUpload", "UploadPart " + 5 * MIB,
                "AbortMultipartUpload");
        assertThat(blobs.exists(KEY)).isFalse();
        try (var left = Files.walk(serverDir.resolve("buckets").resolve(bucket))) {
            assertThat(left.filter(Files::isRegularFile)).as("s3proxy keeps no part").isEmpty();
        }
    }

    @Test
    void prefixesIsolateStoresInOneBucket() throws IOException {
        BlobStore other = store(server.location(bucket, "other/index"), clock, SMALL_PARTS);
        BlobStore root = store(server.location(bucket, ""), clock, SMALL_PARTS);
        blobs.put(KEY, new byte[] {1});
        other.put(KEY, new byte[] {2, 2});

        assertThat(read(blobs.open(KEY).orElseThrow(), 0, 1)).containsExactly(1);
        assertThat(read(other.open(KEY).orElseThrow(), 0, 2)).containsExactly(2, 2);
        List<BlobStore.BlobInfo> listed = new ArrayList<>();
        other.list(listed::add);
        assertThat(listed).extracting(BlobStore.BlobInfo::key, BlobStore.BlobInfo::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(KEY, 2L));
        other.delete(KEY);
        assertThat(blobs.exists(KEY)).isTrue();
        List<String> all = new ArrayList<>();
        root.list(blob -> all.add(blob.key()));
        assertThat(all).containsExactly("pypi/" + KEY);
    }

    @Test
    void aPresignedUrlDownloadsTheBytesWithAPlainHttpClient() throws Exception {
        BlobStore redirecting = store(server.location(bucket, "pypi"), clock,
                SMALL_PARTS.withRedirects(Duration.ofMinutes(5)));
        byte[] content = randomBytes(100_000, 4);
        redirecting.put(KEY, content);

        URI url = redirecting.redirect(KEY, "application/octet-stream").orElseThrow();

        assertThat(url.getRawQuery()).contains("X-Amz-Expires=300").doesNotContain(S3Proxy.SECRET_KEY);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
    }

    @Test
    void aTamperedPresignedUrlIsRefused() throws Exception {
        BlobStore redirecting = store(server.location(bucket, "pypi"), clock,
                SMALL_PARTS.withRedirects(Duration.ofMinutes(5)));
        redirecting.put(KEY, new byte[] {1});
        redirecting.put(KEY + ".metadata", new byte[] {2});
        URI url = redirecting.redirect(KEY, "application/octet-stream").orElseThrow();
        URI other = URI.create(url.toString().replace(".tar.gz?", ".tar.gz.metadata?"));

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(other).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void anUnreachableServerIsAnIOExceptionNamingTheBlob() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BlobStore nowhere = store(S3Location.parse("s3://" + bucket).withEndpoint("http://127.0.0.1:" + closedPort)
                .withPathStyle(true), clock, SMALL_PARTS);
        assertThatThrownBy(() -> nowhere.put(KEY, new byte[] {1})).isInstanceOf(IOException.class)
                .hasMessageContaining(KEY).hasMessageNotContaining(S3Proxy.SECRET_KEY);
    }

    private static byte[] randomBytes(long size, long seed) {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] read(BlobStore.Blob blob, long offset, long length) throws IOException {
        try (InputStream in = blob.read(offset, length); var out = new java.io.ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
