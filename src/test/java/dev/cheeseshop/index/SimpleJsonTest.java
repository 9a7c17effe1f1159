package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PEP 691 pages against the shapes in warehouse-http.md §2.5, byte for byte as pypi.org writes
 * them. The golden files were written by Python's {@code json.dumps(doc, sort_keys=True,
 * separators=(",", ":"), ensure_ascii=False) + "\n"}, what Warehouse's renderer runs, with the
 * digests, times and URLs of this page filled in.
 */
class SimpleJsonTest {
    private static final String PATH = "01/23/456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/";

    @Test
    void projectPageMatchesPypiByteForByte() throws IOException {
        ProjectPage page = new ProjectPage("foo-bar", "Foo.Bar", Serial.of(7), List.of(
                link("foo_bar-1.0.tar.gz", "1.0", 'a', 100, "2024-11-06T22:37:09.220617Z", Optional.empty(),
                        Optional.empty(), Optional.empty()),
                link("foo_bar-1.0-py3-none-any.whl", "1.0", 'b', 4661, "2024-11-06T22:37:09Z", Optional.of("<4,>=3.8"),
                        Optional.of("bad \"build\" & <stuff> \u00e9\u2028\u0001"), Optional.of("d".repeat(64))),
                link("foo_bar-2.0.tar.gz", "2.0", 'c', 100, "2024-11-06T22:37:09.000100Z", Optional.empty(),
                        Optional.of(""), Optional.empty())),
                List.of("1.0", "2.0"));
        assertThat(new String(SimpleJson.project(page), StandardCharsets.UTF_8)).isEqualTo(golden("simple-project.json"));
    }

    @Test
    void indexMatchesPypiByteForByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SimpleJson.IndexWriter index = new SimpleJson.IndexWriter(out, Serial.of(24888689))) {
            index.project(new ProjectListing("Foo.Bar", "foo-bar", Serial.of(3075854)));
            index.project(new ProjectListing("z\u00f6pe", "zope", Serial.of(4)));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(golden("simple-index.json"));
    }

    @Test
    void anEmptyIndexIsStillADocument() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SimpleJson.IndexWriter(out, Serial.NONE).close();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"meta\":{\"_last-serial\":0,\"api-version\":\"1.4\"},\"projects\":[]}\n");
    }

    @Test
    void uploadTimesArePythonIsoformatWithMicrosecondsOnlyWhenThereAreAny() {
        assertThat(SimpleJson.uploadTime(Instant.parse("2024-11-06T22:37:09Z"))).isEqualTo("2024-11-06T22:37:09Z");
        assertThat(SimpleJson.uploadTime(Instant.parse("2024-11-06T22:37:09.5Z"))).isEqualTo("2024-11-06T22:37:09.500000Z");
        assertThat(SimpleJson.uploadTime(Instant.parse("0999-01-02T03:04:05.000007Z"))).isEqualTo("0999-01-02T03:04:05.000007Z");
    }

    private static FileLink link(String filename, String version, char sha, long size, String time,
            Optional<String> requiresPython, Optional<String> yanked, Optional<String> metadata) {
        return new FileLink(filename, PATH + filename, version, String.valueOf(sha).repeat(64), size, Instant.parse(time),
                requiresPython, yanked, metadata);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SimpleJsonTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
