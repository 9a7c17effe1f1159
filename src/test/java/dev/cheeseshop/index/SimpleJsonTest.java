package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import dev.cheeseshop.testing.Goldens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The PEP 691 pages against goldens that Python's own json module wrote from the same data, built
 * the way Warehouse builds them (src/test/resources/golden/generate_simple.py; warehouse-http.md
 * §2.5): {@code json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"},
 * what Warehouse's renderer runs. So key order, escaping and byte form are checked against the
 * real serialiser, and the ETags against what Python's hashlib and base64 make of the same bytes.
 */
class SimpleJsonTest {
    @Test
    void projectPageMatchesPypiByteForByte() {
        assertThat(new String(SimpleJson.project(SimpleFixture.page()), StandardCharsets.UTF_8))
                .isEqualTo(Goldens.text("simple-project.json"));
    }

    @Test
    void projectPageEtagIsWhatWebObMakesOfItsBytes() {
        assertThat(Rendered.of(SimpleJson.project(SimpleFixture.page()), Serial.of(7)).etag())
                .isEqualTo(Goldens.etag("simple-project.json"));
    }

    /** A reserved name's page: 200 with no files and no versions, as pypi.org answers a project without releases. */
    @Test
    void aProjectWithNoReleaseIsAPageWithNoFiles() {
        byte[] page = SimpleJson.project(SimpleFixture.emptyPage());
        assertThat(new String(page, StandardCharsets.UTF_8)).isEqualTo(Goldens.text("simple-project-empty.json"));
        assertThat(Rendered.of(page, Serial.of(12)).etag()).isEqualTo(Goldens.etag("simple-project-empty.json"));
    }

    @Test
    void indexMatchesPypiByteForByte() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SimpleJson.IndexWriter index = new SimpleJson.IndexWriter(out, Serial.of(24888689))) {
            index.project(new ProjectListing("Foo.Bar", "foo-bar", Serial.of(3075854)));
            index.project(new ProjectListing("z\u00f6pe", "zope", Serial.of(4)));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Goldens.text("simple-index.json"));
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
}
