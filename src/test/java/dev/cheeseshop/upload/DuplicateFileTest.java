package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.ReleaseManagement;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.User;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyPI's duplicate rules: the identical file again is a 200 that changes nothing; other bytes
 * under a stored filename, or the stored bytes under another filename, are {@code File already
 * exists}; and a filename once used can never be used again, even after its file is deleted.
 */
class DuplicateFileTest {
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

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    private static String fileExists(String filename, byte[] content) {
        return "File already exists ('" + filename + "', with blake2_256 hash '" + Seed.blake2b(content)
                + "'). See https://pypi.org/help/#file-name-reuse for more information.";
    }

    private static void accepted(Uploads upload) {
        Http.Response response = upload.to(server);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
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
    void theIdenticalFileAgainIs200AndChangesNothing() throws IOException {
        Path wheel = TestArchives.wheel("again", "1.0").writeTo(tmp);
        accepted(Uploads.wheel(wheel, "again", "1.0"));
        IndexState before = IndexState.of(server);

        accepted(Uploads.wheel(wheel, "again", "1.0"));
        accepted(Uploads.wheel(wheel, "again", "1.0").digests("md5_digest").field("comment", "other comment"));
        accepted(Uploads.wheel(wheel, "Again", "1.0"));

        assertThat(IndexState.of(server)).as("no row, no journal entry, no blob, no rename").isEqualTo(before);
    }

    @Test
    void otherBytesUnderAStoredFilenameAreRefusedAndTheFirstFileStays() throws IOException {
        Path original = TestArchives.wheel("clash", "1.0").writeTo(dir("a"));
        Path other = TestArchives.wheel("clash", "1.0").file("clash/extra.py", "X = 2\n").writeTo(dir("b"));
        assertThat(other.getFileName()).isEqualTo(original.getFileName());
        accepted(Uploads.wheel(original, "clash", "1.0"));

        refused(Uploads.wheel(other, "clash", "1.0"), fileExists("clash-1.0-py3-none-any.whl", Files.readAllBytes(other)));

        DistFile stored = server.app().store().read(tx -> tx.files().findByFilename("clash-1.0-py3-none-any.whl"))
                .orElseThrow();
        assertThat(stored.digests()).isEqualTo(Seed.digests(Files.readAllBytes(original)));
        assertThat(Http.get(server.uri("/packages/" + stored.path())).body()).isEqualTo(Files.readAllBytes(original));
    }

    @Test
    void theStoredBytesUnderAnotherFilenameAreRefused() throws IOException {
        Path wheel = TestArchives.wheel("same-bytes", "1.0").writeTo(tmp);
        accepted(Uploads.wheel(wheel, "same-bytes", "1.0"));

        refused(Uploads.wheel(wheel, "same-bytes", "1.0").filename("same_bytes-1.0-py2.py3-none-any.whl"),
                fileExists("same_bytes-1.0-py2.py3-none-any.whl", Files.readAllBytes(wheel)));
    }

    @Test
    void anSdistOfTheSameReleaseUnderAnotherSpellingIsRefused() throws IOException {
        Path sdist = TestArchives.sdist("one-sdist", "1.0").writeTo(dir("a"));
        Path legacy = TestArchives.sdist("one-sdist", "1.0").topLevel("one-sdist-1.0")
                .writeTo(dir("b"), "one-sdist-1.0.tar.gz");
        accepted(Uploads.sdist(sdist, "one-sdist", "1.0"));

        refused(Uploads.sdist(legacy, "one-sdist", "1.0"), "Only one sdist may be uploaded per release.");
    }

    @Test
    void aDeletedFilesNameCanNeverBeUsedAgain() throws Exception {
        Path original = TestArchives.wheel("deleted", "1.0").writeTo(dir("a"));
        Path other = TestArchives.wheel("deleted", "1.0").file("deleted/new.py", "NEW = 1\n").writeTo(dir("b"));
        accepted(Uploads.wheel(original, "deleted", "1.0"));
        deleteFile("deleted-1.0-py3-none-any.whl");
        String reused = "This filename was previously used by a file that has since been deleted. Use a different "
                + "version. See https://pypi.org/help/#file-name-reuse for more information.";

        refused(Uploads.wheel(other, "deleted", "1.0"), reused);
        refused(Uploads.wheel(original, "deleted", "1.0"), reused);

        Path renamed = TestArchives.wheel("deleted", "1.0.post1").writeTo(dir("c"));
        accepted(Uploads.wheel(renamed, "deleted", "1.0.post1"));
    }

    /** Removes the file as its Owner does ({@code manage.ReleaseManagement}): the filename stays in the registry. */
    private static void deleteFile(String filename) throws ManageProblem {
        User alice = server.app().store().read(tx -> tx.users().find(TestServer.ALICE)).orElseThrow();
        new ReleaseManagement(server.app().store(), server.app().blobs(), server.clock())
                .removeFile(alice, "deleted", "1.0", filename);
        Optional<DistFile> gone = server.app().store().read(tx -> tx.files().findByFilename(filename));
        assertThat(gone).isEmpty();
    }
}
