package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.RawUpload;
import dev.cheeseshop.testing.S3Proxy;
import dev.cheeseshop.testing.Seed;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The packaged jar with {@code --blobs s3://...} on a real s3proxy: {@code user add}, {@code serve}
 * (streaming, then {@code --blob-redirect}) and {@code reconcile} all keep the files in the bucket
 * under the prefix, with credentials from the standard AWS variables.
 */
class S3BlobsIT {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;

    private S3Proxy s3;
    private String bucket;

    @BeforeEach
    void startS3() throws Exception {
        s3 = S3Proxy.start(Files.createDirectories(tmp.resolve("s3")));
        bucket = s3.createBucket();
    }

    @AfterEach
    void stopS3() {
        s3.close();
    }

    private Processes.Command cheeseshop(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--data", tmp.resolve("data").toString(), "--blobs", "s3://" + bucket + "/pypi",
                "--s3-endpoint", s3.endpoint().toString()));
        return Processes.cheeseshop(all.toArray(String[]::new)).withoutEnvPrefix("AWS_")
                .env("AWS_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY).env("AWS_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY)
                .env("AWS_EC2_METADATA_DISABLED", "true");
    }

    @Test
    void uploadsGoToTheBucketAndDownloadsStreamOrRedirect() throws Exception {
        Processes.Result added = cheeseshop("user", "add", "ivy", "--password-stdin").stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
        assertThat(added.stdout()).startsWith("created user ivy (metadata in ")
                .endsWith(", files in s3://" + bucket + "/pypi/ at " + s3.endpoint() + ")\n");
        Path wheel = TestArchives.wheel("ivys-pkg", "1.0").writeTo(Files.createDirectories(tmp.resolve("w")));
        byte[] content = Files.readAllBytes(wheel);
        String path = Seed.digests(content).storagePath(wheel.getFileName().toString());

        try (ServedJar server = ServedJar.start(cheeseshop("serve", "--port", "0"))) {
            assertThat(server.where).as("the metadata where the backend keeps it").startsWith(
                    Backend.selected() == Backend.SQLITE_FILES
                            ? "metadata in " + tmp.resolve("data").resolve("cheeseshop.db").toAbsolutePath() + ", "
                            : "metadata in postgresql://")
                    .endsWith(", files in s3://" + bucket + "/pypi/ at " + s3.endpoint());
            assertThat(RawUpload.wheel(server.url.toString(), "ivy", PASSWORD, wheel, "ivys-pkg", "1.0").status())
                    .isEqualTo(200);
            Http.Response streamed = Http.get(server.uri("/packages/" + path));
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.body()).isEqualTo(content);
        }
        assertThat(s3.client().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactlyInAnyOrder("pypi/" + path, "pypi/" + path + ".metadata");
        try (var local = Files.walk(tmp.resolve("data"))) {
            assertThat(local.filter(p -> p.toString().endsWith(".whl"))).as("no file on the local disk").isEmpty();
        }

        try (ServedJar server = ServedJar.start(cheeseshop("serve", "--port", "0", "--blob-redirect"))) {
            Http.Response redirect = Http.get(server.uri("/packages/" + path));
            assertThat(redirect.status()).isEqualTo(302);
            URI location = URI.create(redirect.header("Location"));
            assertThat(location.toString()).startsWith(s3.endpoint() + "/" + bucket + "/pypi/" + path + "?")
                    .contains("X-Amz-Expires=300").doesNotContain(S3Proxy.SECRET_KEY);
            assertThat(Http.get(location).body()).isEqualTo(content);
        }

        Processes.Result reconciled = cheeseshop("reconcile", "--dry-run").run();
        assertThat(reconciled.exitCode()).as(reconciled.describe()).isZero();
        assertThat(reconciled.stdout()).isEqualTo("2 files examined, 0 orphans found; 1 distributions checked, 0 files missing, 0 repairable\n");
    }

    @Test
    void aBadValueIsOneErrorLineAndExitStatus1() {
        Processes.Result result = Processes.cheeseshop("reconcile", "--data", tmp.resolve("data").toString(),
                "--blobs", "s3://Not_A_Bucket").run();
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().lines()).as(result.describe()).containsExactly("error: invalid --blobs"
                + " 's3://Not_A_Bucket': invalid bucket name 'Not_A_Bucket': S3 bucket names are 3 to 63 lower-case"
                + " letters, digits, dots and hyphens (omit it for files under the data directory)");
    }

    @Test
    void aMissingBucketFailsTheStartInOneLine() {
        bucket = "no-such-bucket";
        Processes.Result result = cheeseshop("serve", "--port", "0").run();
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().lines()).as(result.describe()).containsExactly("error: cannot serve: cannot use s3://"
                + "no-such-bucket/pypi/ at " + s3.endpoint() + ": no such bucket");
    }
}
