package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.downloads.DownloadTotals;
import dev.cheeseshop.index.ProjectJson.ReleaseFiles;
import dev.cheeseshop.index.ProjectJson.Role;
import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.MetadataDigests;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.Serial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON API documents against goldens that Python's own json module wrote from the same data
 * the way Warehouse builds them ({@code src/test/resources/golden/generate_json_api.py}): the
 * exact field set, key order, null and empty conventions, escaping and byte form. The metadata
 * goes in as the upload form sent it; the goldens hold what pypi.org shows for it.
 */
class JsonApiRendererTest {
    private static final String BASE = "https://pypi.example";
    private static final Project PROJECT = new Project(1, ProjectName.of("Foo.Bar"),
            Instant.parse("2026-01-01T00:00:00Z"), Serial.of(7));
    private static final List<Role> ROLES = List.of(new Role("Owner", "alice"), new Role("Maintainer", "bob"));

    private static final Release R10 = new Release(11, 1, "1.0", "1", asUploaded(), false, null,
            Instant.parse("2026-01-02T03:04:05Z"));
    private static final Release R110 = new Release(12, 1, "1.10", "1.10",
            new ReleaseMetadata(Map.of("summary", List.of("Broken"))), true, "broken build",
            Instant.parse("2026-02-01T00:00:00Z"));
    private static final Release R20RC1 = new Release(13, 1, "2.0rc1", "2rc1", ReleaseMetadata.EMPTY, false, null,
            Instant.parse("2026-03-01T00:00:00Z"));

    private static final List<DistFile> F10 = List.of(
            file(R10, "foo_bar-1.0-py3-none-any.whl", PackageType.bdist_wheel, "py3", 1234, '1',
                    "2026-01-02T03:04:05.000678Z", "built on CI", "14".repeat(32)),
            file(R10, "foo_bar-1.0.tar.gz", PackageType.sdist, "source", 999, '2', "2026-01-02T03:04:06Z", null, null));
    private static final List<DistFile> F110 = List.of(file(R110, "foo_bar-1.10.tar.gz", PackageType.sdist, "source",
            5, '3', "2026-02-01T00:00:00.5Z", null, null));

    /**
     * The script's DAILY downloads (by date) as of its TODAY: the goldens hold the sums Python made
     * of them, and {@link DownloadTotals#of} must make the same.
     */
    private static final DownloadTotals COUNTED = DownloadTotals.of(Map.of(
            day("2026-03-11"), 19L, day("2026-03-10"), 3L, day("2026-03-09"), 5L, day("2026-03-04"), 7L,
            day("2026-03-03"), 11L, day("2026-02-09"), 13L, day("2026-02-08"), 17L), day("2026-03-10"));

    private static long day(String date) {
        return java.time.LocalDate.parse(date).toEpochDay();
    }

    @Test
    void projectDocumentMatchesPypiByteForByte() throws IOException {
        ProjectJson doc = new ProjectJson(PROJECT, R10, List.of(new ReleaseFiles(R20RC1, List.of()),
                new ReleaseFiles(R110, F110), new ReleaseFiles(R10, F10)), true, ROLES, COUNTED);
        assertThat(text(JsonApiRenderer.render(doc, BASE))).isEqualTo(golden("json-project.json"));
    }

    @Test
    void yankedReleaseDocumentHasNoReleasesAndSaysWhyOnEveryFile() throws IOException {
        ProjectJson doc = new ProjectJson(PROJECT, R110, List.of(new ReleaseFiles(R110, F110)), false, ROLES, COUNTED);
        assertThat(text(JsonApiRenderer.render(doc, BASE))).isEqualTo(golden("json-release-yanked.json"));
    }

    @Test
    void releaseWithoutMetadataOrFilesShowsPypisNullsAndEmpties() throws IOException {
        ProjectJson doc = new ProjectJson(PROJECT, R20RC1, List.of(new ReleaseFiles(R20RC1, List.of())), false, ROLES);
        assertThat(text(JsonApiRenderer.render(doc, BASE))).isEqualTo(golden("json-release-bare.json"));
    }

    @Test
    void aReleaseYankedWithoutAReasonHasANullReason() {
        Release yanked = new Release(12, 1, "1.10", "1.10", ReleaseMetadata.EMPTY, true, "", R110.created());
        ProjectJson doc = new ProjectJson(PROJECT, yanked, List.of(new ReleaseFiles(yanked, F110)), false, ROLES);
        String json = text(JsonApiRenderer.render(doc, BASE));
        assertThat(json).contains("\"version\":\"1.10\",\"yanked\":true,\"yanked_reason\":null}");
        assertThat(json).contains("\"yanked\":true,\"yanked_reason\":null}],\"vulnerabilities\"");
    }

    @Test
    void theEntityTagIsPypisUnpaddedBase64Md5OfTheBody() {
        // python3 -c 'import base64,hashlib; print(base64.b64encode(hashlib.md5(b"hello").digest()))'
        assertThat(JsonDocument.of("hello".getBytes(StandardCharsets.US_ASCII)).etag())
                .isEqualTo("\"XUFAKrxLKna5cZ2REBfFkg\"");
        ProjectJson doc = new ProjectJson(PROJECT, R10, List.of(new ReleaseFiles(R10, F10)), false, ROLES);
        assertThat(JsonApiRenderer.render(doc, BASE).etag())
                .isEqualTo(JsonApiRenderer.render(doc, BASE).etag())
                .isNotEqualTo(JsonApiRenderer.render(doc, "http://other.example").etag());
    }

    @Test
    void fileUrlsArePercentEncodedUnderTheBase() {
        DistFile odd = file(R10, "foo bar#1.tar.gz", PackageType.sdist, "source", 1, '4', "2026-01-01T00:00:00Z", null,
                null);
        ProjectJson doc = new ProjectJson(PROJECT, R10, List.of(new ReleaseFiles(R10, List.of(odd))), false, ROLES);
        assertThat(text(JsonApiRenderer.render(doc, "http://127.0.0.1:8080/prefix")))
                .contains("\"url\":\"http://127.0.0.1:8080/prefix/packages/43/43/" + "43".repeat(30)
                        + "/foo%20bar%231.tar.gz\"");
    }

    /** The 1.0 metadata as twine's form sent it. */
    private static ReleaseMetadata asUploaded() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("metadata_version", List.of("2.4"));
        fields.put("name", List.of("Foo.Bar"));
        fields.put("version", List.of("1.0"));
        fields.put("summary", List.of("Foo, with bars"));
        fields.put("description", List.of("# Foo.Bar\n\nCafé ☕ \u0001 \"quoted\" \\ \uD83D\uDE00\n"));
        fields.put("description_content_type", List.of("text/markdown"));
        fields.put("keywords", List.of("web,http , api"));
        fields.put("home_page", List.of("https://foo.example"));
        fields.put("author", List.of("Ann Author"));
        fields.put("author_email", List.of("ann@example.org"));
        fields.put("license_expression", List.of("MIT"));
        fields.put("license_file", List.of("LICENSE", "NOTICE"));
        fields.put("classifiers", List.of("Programming Language :: Python :: 3.10",
                "Programming Language :: Python :: 3.9", "License :: OSI Approved :: MIT License",
                "Programming Language :: Python :: 3.9"));
        fields.put("requires_dist", List.of("requests>=2", "rich; extra == \"cli\""));
        fields.put("requires_python", List.of(">= 3.8, <4"));
        fields.put("project_urls", List.of("Homepage, https://foo.example", "Source, https://git.example/foo",
                "Bug Tracker,https://git.example/foo/issues"));
        fields.put("provides_extra", List.of("cli"));
        fields.put("dynamic", List.of("license-file"));
        fields.put("platform", List.of("any", "linux"));
        return new ReleaseMetadata(fields);
    }

    /** A file whose digests repeat {@code digit}1 (MD5), {@code digit}2 (SHA-256), {@code digit}3 (BLAKE2b). */
    private static DistFile file(Release release, String filename, PackageType type, String pyversion, long size,
            char digit, String uploaded, String comment, String metadataSha256) {
        Digests digests = new Digests((digit + "1").repeat(16), (digit + "2").repeat(32), (digit + "3").repeat(32));
        return new DistFile(0, release.id(), filename, type, pyversion, size, digests,
                metadataSha256 == null ? null : new MetadataDigests(metadataSha256, "15".repeat(32)),
                Instant.parse(uploaded), digests.storagePath(filename), comment, "test");
    }

    private static String text(JsonDocument doc) {
        return new String(doc.body(), StandardCharsets.UTF_8);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = JsonApiRendererTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
