package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decompression bombs and oversized members sent through the upload API: small files that would
 * inflate to hundreds of megabytes are refused with PyPI's compression-ratio message, a METADATA or
 * PKG-INFO over the cap is refused without being read into memory, nothing is stored, and the
 * server goes on accepting uploads.
 */
class ZipBombUploadTest {
    private static final long MIB = 1024 * 1024;
    private static final String RATIO = "Invalid distribution file. File exceeds compression ratio of 50";

    private static TestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void serverStillAcceptsUploads() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("after"));
        String name = "healthy-" + IndexState.of(server).files().size();
        Path wheel = TestArchives.wheel(name, "1.0").writeTo(dir);
        assertThat(Uploads.wheel(wheel, name, "1.0").to(server).status()).isEqualTo(200);
    }

    private static void refused(Uploads upload, String message) {
        IndexState before = IndexState.of(server);
        Http.Response response = upload.to(server);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo(message);
        assertThat(response.text()).isEqualTo(Uploads.plainBody(400, message));
        assertThat(IndexState.of(server)).isEqualTo(before);
    }

    @Test
    void aWheelInflatingTo200MiBIsRefused() throws IOException {
        Path bomb = TestArchives.writeZipBomb(tmp.resolve("bomb-1.0-py3-none-any.whl"), "bomb-1.0.dist-info/METADATA",
                200 * MIB);
        assertThat(Files.size(bomb)).isLessThan(MIB);

        refused(Uploads.wheel(bomb, "bomb", "1.0"), RATIO);
    }

    @Test
    void aBombMemberBesideAValidDistInfoIsRefused() throws IOException {
        Path bomb = TestArchives.writeZipBomb(tmp.resolve("bomb-1.0-py3-none-any.whl"), "bomb/zeros.bin", 100 * MIB);

        refused(Uploads.wheel(bomb, "bomb", "1.0"), RATIO);
    }

    @Test
    void anSdistInflatingTo200MiBIsRefused() throws IOException {
        Path bomb = TestArchives.writeTarGzBomb(tmp.resolve("bomb-1.0.tar.gz"), "bomb-1.0/data.bin", 200 * MIB);
        assertThat(Files.size(bomb)).isLessThan(MIB);

        refused(Uploads.sdist(bomb, "bomb", "1.0"), RATIO);
    }

    @Test
    void aMetadataOverTheCapIsRefused() throws IOException {
        Path wheel = TestArchives.wheel("big", "1.0").metadata(new byte[(int) (9 * MIB)]).writeTo(tmp);

        refused(Uploads.wheel(wheel, "big", "1.0"),
                "Invalid distribution file. 'big-1.0.dist-info/METADATA' is larger than the limit of 8388608 bytes");
    }

    @Test
    void aPkgInfoOverTheCapIsRefused() throws IOException {
        Path bomb = TestArchives.writeTarGzBomb(tmp.resolve("bomb-1.0.tar.gz"), "bomb-1.0/PKG-INFO", 20 * MIB);

        refused(Uploads.sdist(bomb, "bomb", "1.0"),
                "Invalid distribution file. 'bomb-1.0/PKG-INFO' is larger than the limit of 8388608 bytes");
    }
}
