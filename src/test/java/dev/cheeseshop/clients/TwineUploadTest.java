package dev.cheeseshop.clients;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.PythonClients;
import dev.cheeseshop.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** twine 4.0.2, the real one, uploading to a real server. */
class TwineUploadTest {
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

    private static String legacy() {
        return server.url() + "/legacy/";
    }

    private static Processes.Result twine(String url, String password, List<String> extra, Path... files) {
        return PythonClients.twineUpload(url, ALICE, password, extra, files);
    }

    private static Processes.Result twine(Path... files) {
        return twine(legacy(), ALICE_PASSWORD, List.of(), files);
    }

    /** twine wraps and colours its messages; compare the words only. */
    private static String words(String output) {
        return output.replaceAll("\u001B\\[[0-9;]*m", "").replaceAll("\\s+", " ");
    }

    private static Http.Response page(String normalized) {
        return Http.get(server.uri("/simple/" + normalized + "/"));
    }

    private static long lastSerial() {
        Http.Response index = Http.get(server.uri("/simple/"));
        assertThat(index.status()).isEqualTo(200);
        return Long.parseLong(index.header("X-PyPI-Last-Serial"));
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void uploadsAWheelAndAnSdistOfANewProject() throws IOException {
        Path wheel = TestArchives.wheel("Twine.Fresh", "1.0").writeTo(tmp);
        Path sdist = TestArchives.sdist("Twine.Fresh", "1.0").writeTo(tmp);

        Processes.Result result = twine(wheel, sdist);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Http.Response page = page("twine-fresh");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("twine_fresh-1.0-py3-none-any.whl", "twine_fresh-1.0.tar.gz");
        String href = page.text().replaceAll("(?s).*href=\"([^\"#]*twine_fresh-1\\.0-py3-none-any\\.whl)[#\"].*", "$1");
        Http.Response download = Http.get(server.uri("/simple/twine-fresh/").resolve(href));
        assertThat(download.body()).isEqualTo(Files.readAllBytes(wheel));
    }

    @Test
    void reuploadingTheIdenticalFileSucceedsAndChangesNothing() throws IOException {
        Path wheel = TestArchives.wheel("twine-again", "1.0").writeTo(tmp);
        Processes.Result first = twine(wheel);
        assertThat(first.exitCode()).as(first.describe()).isZero();
        long serial = lastSerial();

        Processes.Result again = twine(wheel);

        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(lastSerial()).as("an identical re-upload writes no journal entry").isEqualTo(serial);
    }

    @Test
    void aDifferentFileUnderAnExistingNameFailsAndSkipExistingPasses() throws IOException {
        Path original = TestArchives.wheel("twine-clash", "1.0").writeTo(dir("a"));
        Path other = TestArchives.wheel("twine-clash", "1.0").file("twine_clash/extra.py", "X = 2\n").writeTo(dir("b"));
        assertThat(other.getFileName()).isEqualTo(original.getFileName());
        Processes.Result first = twine(original);
        assertThat(first.exitCode()).as(first.describe()).isZero();

        Processes.Result clash = twine(other);

        assertThat(clash.exitCode()).as(clash.describe()).isNotZero();
        assertThat(words(clash.output())).as(clash.describe()).contains("400 Bad Request", "File already exists");

        Processes.Result skipped = twine(legacy(), ALICE_PASSWORD, List.of("--skip-existing"), other);
        assertThat(skipped.exitCode()).as(skipped.describe()).isZero();
        assertThat(words(skipped.output())).as(skipped.describe()).contains("Skipping twine_clash-1.0-py3-none-any.whl");

        Http.Response page = page("twine-clash");
        String href = page.text().replaceAll("(?s).*href=\"([^\"#]*twine_clash-1\\.0-py3-none-any\\.whl)[#\"].*", "$1");
        assertThat(Http.get(server.uri("/simple/twine-clash/").resolve(href)).body())
                .as("the first file stays").isEqualTo(Files.readAllBytes(original));
    }

    @Test
    void aWrongPasswordFailsWithThe403Reason() throws IOException {
        Path wheel = TestArchives.wheel("twine-denied", "1.0").writeTo(tmp);

        Processes.Result result = twine(legacy(), ALICE_PASSWORD + "-wrong", List.of(), wheel);

        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(words(result.output())).as(result.describe())
                .contains("403 Forbidden", "Invalid or non-existent authentication information.");
        assertThat(page("twine-denied").status()).as("nothing created").isEqualTo(404);
    }

    @Test
    void uploadingToLegacyWithoutTheSlashIsARedirectTwineRefuses() throws IOException {
        Path wheel = TestArchives.wheel("twine-noslash", "1.0").writeTo(tmp);

        Processes.Result result = twine(server.url() + "/legacy", ALICE_PASSWORD, List.of(), wheel);

        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(words(result.output())).as(result.describe()).contains("RedirectDetected", "/legacy/");
        assertThat(page("twine-noslash").status()).as("nothing created").isEqualTo(404);
    }
}
