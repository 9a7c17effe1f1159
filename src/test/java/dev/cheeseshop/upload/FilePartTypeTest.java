package dev.cheeseshop.upload;

import static dev.cheeseshop.testing.IndexState.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The file part's Content-Type as pypi.org reads it: a part without one is {@code text/plain}
 * (flit uploads that way) and is stored like any other; only an empty type or one starting with
 * {@code image/} is refused ({@code UploadValidationTest} has those, with PyPI's message). The
 * test is Warehouse's {@code startswith("image/")}, so it is case-sensitive.
 */
class FilePartTypeTest {
    private static final Pattern WHEEL_HREF = Pattern.compile("href=\"([^\"#]+\\.whl)#");

    @TempDir
    static Path tmp;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "no-type|NONE",
            "octet-stream|application/octet-stream",
            "plain|text/plain",
            "zip|application/zip; charset=binary",
            "upper-image|IMAGE/PNG",
            "image-later|application/x-wheel+zip; note=image/png"})
    void isAcceptedAndStored(String project, String type) throws IOException {
        String name = "typed-" + project;
        Path wheel = TestArchives.wheel(name, "1.0").writeTo(Files.createDirectories(tmp.resolve(project)));
        IndexState before = IndexState.of(server);

        Http.Response response = Uploads.wheel(wheel, name, "1.0").contentType(type).to(server);

        assertThat(response.status()).as(response.reason() + "\n" + response.text()).isEqualTo(200);
        String filename = name.replace('-', '_') + "-1.0-py3-none-any.whl";
        assertThat(describe(IndexState.of(server).journalSince(before)))
                .endsWith(name + "|1.0|add py3 file " + filename + "|alice");
        Http.Response page = Http.get(server.uri("/simple/" + name + "/"));
        assertThat(page.status()).isEqualTo(200);
        Matcher href = WHEEL_HREF.matcher(page.text());
        assertThat(href.find()).as(page.text()).isTrue();
        assertThat(href.group(1)).endsWith("/" + filename);
        Http.Response download = Http.get(server.uri("/simple/" + name + "/").resolve(href.group(1)));
        assertThat(download.body()).isEqualTo(Files.readAllBytes(wheel));
    }
}
