package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.dist.WheelBuilder;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-file size limit, configured small here: a file of exactly the limit is stored, one byte
 * more is refused with PyPI's message, and a refused file leaves nothing behind (it is cut off at
 * the limit while it streams to the staging area, which is emptied before the answer). Every
 * other byte of the body's parts counts toward one bound of 16 MB, headers and dropped parts too.
 */
class SizeLimitTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private static String tooLarge(String project, String limit) {
        return "File too large. Limit for project '" + project + "' is " + limit + ". See https://docs.pypi.org/"
                + "project-management/storage-limits#requesting-a-file-size-limit-increase for more information.";
    }

    /** A valid wheel of {@code name} 1.0 of exactly {@code size} bytes: a stored member of random bytes, padded. */
    private Path wheelOfSize(String name, long size) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name + "-" + size));
        int padding = (int) size - 2_000;
        for (int attempt = 0; attempt < 5; attempt++) {
            byte[] random = new byte[padding];
            new Random(size).nextBytes(random);
            WheelBuilder builder = TestArchives.wheel(name, "1.0").stored().file(name + "/pad.bin", random);
            Path wheel = builder.writeTo(dir);
            long actual = Files.size(wheel);
            if (actual == size) {
                return wheel;
            }
            padding += (int) (size - actual);
        }
        throw new IllegalStateException("cannot make a wheel of exactly " + size + " bytes");
    }

    @Test
    void aFileOfExactlyTheLimitIsStoredAndOneByteMoreIsRefused() throws IOException {
        try (TestServer server = TestServer.start(MIB)) {
            Path atLimit = wheelOfSize("at-limit", MIB);
            Path overLimit = wheelOfSize("over-limit", MIB + 1);

            Http.Response accepted = Uploads.wheel(atLimit, "at-limit", "1.0").to(server);
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
            IndexState before = IndexState.of(server);
            assertThat(before.files()).singleElement().satisfies(f -> assertThat(f.size()).isEqualTo(MIB));

            Http.Response refused = Uploads.wheel(overLimit, "over-limit", "1.0").to(server);

            String message = tooLarge("over-limit", "1 MB");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.reason()).isEqualTo(message);
            assertThat(refused.text()).isEqualTo(Uploads.plainBody(400, message));
            assertThat(IndexState.of(server)).isEqualTo(before);
        }
    }

    @Test
    void aFileFarOverTheLimitIsRefusedAndNothingIsStaged() throws IOException {
        try (TestServer server = TestServer.start(MIB)) {
            Path small = TestArchives.wheel("far-over", "1.0").writeTo(tmp);
            IndexState before = IndexState.of(server);

            Http.Response refused = Uploads.wheel(small, "far-over", "1.0").content(new byte[(int) (20 * MIB)]).to(server);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.reason()).isEqualTo(tooLarge("far-over", "1 MB"));
            assertThat(IndexState.of(server)).isEqualTo(before);
        }
    }

    private static final String OTHER_PARTS = "Invalid form data: the parts other than the file exceed 16 MB.";

    /** Every byte of every part counts: a file part under another name is dropped, but not uncounted. */
    @Test
    void anotherFilePartCountsTowardTheBoundOnEverythingButTheFile() throws IOException {
        try (TestServer server = TestServer.start(MIB)) {
            Path wheel = TestArchives.wheel("signed", "1.0").writeTo(tmp);
            IndexState before = IndexState.of(server);

            Http.Response refused = Uploads.wheel(wheel, "signed", "1.0")
                    .filePart("gpg_signature", "signed-1.0-py3-none-any.whl.asc", "x".repeat((int) (17 * MIB)))
                    .to(server);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.reason()).isEqualTo(OTHER_PARTS);
            assertThat(IndexState.of(server)).isEqualTo(before);
            Http.Response signed = Uploads.wheel(wheel, "signed", "1.0")
                    .filePart("gpg_signature", "signed-1.0-py3-none-any.whl.asc", "-----BEGIN PGP SIGNATURE-----")
                    .to(server);
            assertThat(signed.status()).as("a signature of ordinary size is still accepted").isEqualTo(200);
        }
    }

    @Test
    void aSecondContentPartCountsTowardTheSameBound() throws IOException {
        try (TestServer server = TestServer.start(MIB)) {
            Path wheel = TestArchives.wheel("twice", "1.0").writeTo(tmp);
            IndexState before = IndexState.of(server);

            Http.Response refused = Uploads.wheel(wheel, "twice", "1.0")
                    .partAfterContent("content", "twice-1.0-py3-none-any.whl", new byte[(int) (17 * MIB)])
                    .to(server);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.reason()).isEqualTo(OTHER_PARTS);
            assertThat(IndexState.of(server)).isEqualTo(before);
        }
    }

    @Test
    void aPartWhoseHeadersPassTheirBoundIsMalformed() throws IOException {
        try (TestServer server = TestServer.start(MIB)) {
            Path wheel = TestArchives.wheel("headers", "1.0").writeTo(tmp);
            IndexState before = IndexState.of(server);

            Http.Response refused = Uploads.wheel(wheel, "headers", "1.0")
                    .filePart("gpg_signature", "s".repeat(9 * 1024) + ".asc", "signature").to(server);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.reason()).isEqualTo("Invalid form data: the multipart body is malformed.");
            assertThat(IndexState.of(server)).isEqualTo(before);
        }
    }

    @Test
    void aLimitBelowAMegabyteIsNamedInKilobytes() throws IOException {
        try (TestServer server = TestServer.start(64 * 1024)) {
            Path wheel = wheelOfSize("kilo", 64 * 1024 + 1);
            IndexState before = IndexState.of(server);

            Http.Response refused = Uploads.wheel(wheel, "kilo", "1.0").to(server);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.reason()).isEqualTo(tooLarge("kilo", "64 KB"));
            assertThat(IndexState.of(server)).isEqualTo(before);
            Path fits = wheelOfSize("kilo", 64 * 1024);
            assertThat(Uploads.wheel(fits, "kilo", "1.0").to(server).status()).isEqualTo(200);
        }
    }
}
