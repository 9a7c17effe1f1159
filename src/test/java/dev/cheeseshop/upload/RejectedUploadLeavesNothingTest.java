package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused upload writes nothing, whatever step refuses it and however far the file got: no row,
 * no journal entry, no rename of the project, no blob in {@code packages/}, and no staged file in
 * {@code tmp/} by the time the client has its answer. {@link IndexState} compares all of these.
 */
class RejectedUploadLeavesNothingTest {
    private static TestServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        Path first = TestArchives.wheel("kept-as-is", "1.0").writeTo(Files.createDirectories(tmp.resolve("first")));
        assertThat(Uploads.wheel(first, "Kept.As.Is", "1.0").to(server).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response send(Uploads upload) {
        IndexState before = IndexState.of(server);
        Http.Response response = upload.to(server);
        assertThat(IndexState.of(server)).isEqualTo(before);
        assertThat(before.staged()).isEmpty();
        return response;
    }

    @Test
    void aRefusalByTheLastCheckBeforeStoringLeavesTheProjectAsItWas() throws IOException {
        Path mislabelled = TestArchives.wheel("kept-as-is", "2.0").metadata(TestArchives.metadata("someone-else", "2.0"))
                .writeTo(Files.createDirectories(tmp.resolve("late")));

        Http.Response response = send(Uploads.wheel(mislabelled, "kept_as_is", "2.0"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason()).startsWith("Invalid distribution file. The metadata in ");
        assertThat(IndexState.of(server).projects()).anyMatch(p -> p.startsWith("Kept.As.Is serial "));
    }

    @Test
    void aLargeFileRefusedForItsDigestIsNotKept() throws IOException {
        byte[] padding = new byte[6 * 1024 * 1024];
        new Random(3).nextBytes(padding);
        Path wheel = TestArchives.wheel("large-file", "1.0").stored().file("large_file/blob.bin", padding)
                .writeTo(Files.createDirectories(tmp.resolve("large")));

        Http.Response response = send(Uploads.wheel(wheel, "large-file", "1.0").field("sha256_digest", "0".repeat(64)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason())
                .isEqualTo("The digest supplied does not match a digest calculated from the uploaded file.");
    }

    @Test
    void aBodyCutOffInsideTheFileIsRefusedAndItsPartialFileDeleted() throws IOException {
        Path wheel = TestArchives.wheel("cut-off", "1.0").writeTo(Files.createDirectories(tmp.resolve("cut")));
        Uploads upload = Uploads.wheel(wheel, "cut-off", "1.0");
        byte[] whole = upload.body();
        byte[] cut = Arrays.copyOf(whole, whole.length - 200);
        IndexState before = IndexState.of(server);

        Http.Response response = Http.send("POST", server.uri("/legacy/"), cut,
                "Content-Type", "multipart/form-data; boundary=" + boundary(whole),
                "Authorization", Uploads.basic(TestServer.ALICE, TestServer.ALICE_PASSWORD), "Accept", "text/plain");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo("Invalid form data: the multipart body is malformed.");
        assertThat(IndexState.of(server)).isEqualTo(before);
    }

    @Test
    void otherActionsCarryingAFileKeepNothing() throws IOException {
        Path wheel = TestArchives.wheel("other-action", "1.0").writeTo(Files.createDirectories(tmp.resolve("actions")));

        Http.Response submit = send(Uploads.wheel(wheel, "other-action", "1.0").field(":action", "submit"));
        Http.Response docs = send(Uploads.wheel(wheel, "other-action", "1.0").field(":action", "doc_upload"));
        Http.Response none = send(Uploads.wheel(wheel, "other-action", "1.0").without(":action"));

        assertThat(submit.status()).isEqualTo(410);
        assertThat(submit.reason())
                .isEqualTo("Project pre-registration is no longer required or supported, upload your files instead.");
        assertThat(docs.status()).isEqualTo(410);
        assertThat(docs.reason()).isEqualTo(
                "Uploading documentation is no longer supported, we recommend using https://readthedocs.org/.");
        assertThat(none.status()).isEqualTo(405);
        assertThat(none.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    /** The boundary the body starts with. */
    private static String boundary(byte[] body) {
        String text = new String(body, 0, 100, StandardCharsets.ISO_8859_1);
        return text.substring(2, text.indexOf("\r\n"));
    }
}
