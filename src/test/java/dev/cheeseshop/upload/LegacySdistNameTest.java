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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sdist names as setuptools before 69 wrote them ({@code demo-pkg-0.1.0.tar.gz}: the project name
 * as spelled, dashes and all) are accepted and stored under the name sent, as long as they name
 * the project and version uploaded; names for another project or version are still refused.
 */
class LegacySdistNameTest {
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

    /** An sdist of {@code project} {@code version} named {@code filename}, its top directory named to match. */
    private Path sdist(String project, String version, String filename) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(filename + ".d"));
        String top = filename.substring(0, filename.length() - ".tar.gz".length());
        return TestArchives.sdist(project, version).topLevel(top).writeTo(dir, filename);
    }

    @ParameterizedTest(name = "{2} for {0} {1}")
    @CsvSource({
        "demo-pkg, 0.1.0, demo-pkg-0.1.0.tar.gz",
        "Legacy.Pkg, 0.1.0, Legacy.Pkg-0.1.0.tar.gz",
        "Mixed_Case, 2.0, Mixed_Case-2.0.tar.gz",
        "three-part-name, 1.0.post1, three-part-name-1.0.post1.tar.gz",
        "pkg-2, 1.0, pkg-2-1.0.tar.gz",
    })
    void aLegacyNameIsStoredAsSentAndServed(String project, String version, String filename) throws IOException {
        Path file = sdist(project, version, filename);
        IndexState before = IndexState.of(server);

        Http.Response response = Uploads.sdist(file, project, version).to(server);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        IndexState after = IndexState.of(server);
        assertThat(IndexState.describe(after.journalSince(before)))
                .endsWith(project + "|" + version + "|add source file " + filename + "|alice");
        String normalized = project.toLowerCase().replaceAll("[-_.]+", "-");
        String page = Http.get(server.uri("/simple/" + normalized + "/")).text();
        assertThat(page).contains(">" + filename + "</a>");
        String path = after.files().stream().filter(f -> f.filename().equals(filename)).findFirst().orElseThrow().path();
        assertThat(Http.get(server.uri("/packages/" + path)).body()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aLegacyNameForAnotherProjectOrVersionIsRefused() throws IOException {
        record Refusal(Path file, String version, String message) {}
        List<Refusal> refusals = List.of(
                new Refusal(sdist("demo", "0.1.0", "demo-0.1.0.tar.gz"), "0.1.0",
                        "Start filename for 'other-pkg' with 'other_pkg'."),
                new Refusal(sdist("other-pkg", "0.2.0", "other-pkg-0.2.0.tar.gz"), "0.1.0",
                        "Version in filename should be '0.1.0' not '0.2.0'."),
                new Refusal(sdist("other-pkg", "0.1.0", "other-pkg-latest.tar.gz"), "0.1.0",
                        "Invalid source distribution filename: other-pkg-latest.tar.gz"),
                new Refusal(sdist("other-pkg", "0.1.0", "other-pkg-extra-0.1.0.tar.gz"), "0.1.0",
                        "Invalid source distribution filename: other-pkg-extra-0.1.0.tar.gz"));
        for (Refusal refusal : refusals) {
            IndexState before = IndexState.of(server);

            Http.Response response = Uploads.sdist(refusal.file(), "other-pkg", refusal.version()).to(server);

            assertThat(response.status()).as(refusal.file().getFileName().toString()).isEqualTo(400);
            assertThat(response.reason()).isEqualTo(refusal.message());
            assertThat(IndexState.of(server)).isEqualTo(before);
        }
    }
}
