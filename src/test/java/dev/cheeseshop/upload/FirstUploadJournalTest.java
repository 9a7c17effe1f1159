package dev.cheeseshop.upload;

import static dev.cheeseshop.testing.IndexState.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a successful upload writes: the journal entries PyPI writes (create, add Owner, new release
 * once per release, add file), under the display name the form sent, in consecutive serials; the
 * file row with the digests of the bytes sent; the file and, for a wheel, its METADATA served
 * (PEP 658).
 */
class FirstUploadJournalTest {
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

    private static void upload(Uploads upload) {
        Http.Response response = upload.to(server);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.reason()).isEqualTo("OK");
    }

    @Test
    void aFirstUploadCreatesTheProjectWithItsOwnerReleaseAndFile() throws IOException {
        Path wheel = TestArchives.wheel("First.Pkg", "1.0").writeTo(tmp);
        IndexState before = IndexState.of(server);

        upload(Uploads.wheel(wheel, "First.Pkg", "1.0"));

        IndexState after = IndexState.of(server);
        List<JournalEntry> entries = after.journalSince(before);
        assertThat(describe(entries)).containsExactly(
                "First.Pkg|null|create|alice",
                "First.Pkg|null|add Owner alice|alice",
                "First.Pkg|1.0|new release|alice",
                "First.Pkg|1.0|add py3 file first_pkg-1.0-py3-none-any.whl|alice");
        assertConsecutive(before, entries);
        assertThat(entries).extracting(JournalEntry::submitted).containsOnly(entries.get(0).submitted());
        assertThat(after.roles()).contains("First.Pkg Owner alice");
        assertThat(after.projects()).contains("First.Pkg serial " + entries.get(3).serial().value());
    }

    @Test
    void laterFilesOfTheReleaseAddOnlyTheirFileAndANewVersionItsRelease() throws IOException {
        Path sdist = TestArchives.sdist("growing", "1.0").writeTo(dir("a"));
        Path wheel = TestArchives.wheel("growing", "1.0").tag("cp312-cp312-manylinux_2_17_x86_64").writeTo(dir("a"));
        Path next = TestArchives.sdist("growing", "1.1").writeTo(dir("b"));
        IndexState before = IndexState.of(server);

        upload(Uploads.sdist(sdist, "growing", "1.0"));
        upload(Uploads.wheel(wheel, "growing", "1.0").field("pyversion", "cp312"));
        upload(Uploads.sdist(next, "growing", "1.1"));

        List<JournalEntry> entries = IndexState.of(server).journalSince(before);
        assertThat(describe(entries)).containsExactly(
                "growing|null|create|alice",
                "growing|null|add Owner alice|alice",
                "growing|1.0|new release|alice",
                "growing|1.0|add source file growing-1.0.tar.gz|alice",
                "growing|1.0|add cp312 file growing-1.0-cp312-cp312-manylinux_2_17_x86_64.whl|alice",
                "growing|1.1|new release|alice",
                "growing|1.1|add source file growing-1.1.tar.gz|alice");
        assertConsecutive(before, entries);
    }

    @Test
    void entriesCarryTheDisplayNameTheFormSent() throws IOException {
        Path first = TestArchives.wheel("spelled-name", "1.0").writeTo(dir("a"));
        Path second = TestArchives.wheel("spelled-name", "2.0").writeTo(dir("b"));
        IndexState before = IndexState.of(server);

        upload(Uploads.wheel(first, "Spelled_Name", "1.0"));
        upload(Uploads.wheel(second, "Spelled.Name", "2.0"));

        IndexState after = IndexState.of(server);
        assertThat(describe(after.journalSince(before))).containsExactly(
                "Spelled_Name|null|create|alice",
                "Spelled_Name|null|add Owner alice|alice",
                "Spelled_Name|1.0|new release|alice",
                "Spelled_Name|1.0|add py3 file spelled_name-1.0-py3-none-any.whl|alice",
                "Spelled.Name|2.0|new release|alice",
                "Spelled.Name|2.0|add py3 file spelled_name-2.0-py3-none-any.whl|alice");
        assertThat(after.projects()).anyMatch(p -> p.startsWith("Spelled.Name serial "))
                .noneMatch(p -> p.startsWith("Spelled_Name "));
    }

    @Test
    void theStoredFileHasTheDigestsOfTheBytesSentAndIsServedWithItsMetadata() throws IOException {
        var builder = TestArchives.wheel("served", "1.0");
        Path wheel = builder.writeTo(dir("wheel"));
        Path sdist = TestArchives.sdist("served", "1.0").writeTo(dir("sdist"));
        byte[] metadata = builder.members().get("served-1.0.dist-info/METADATA");

        upload(Uploads.wheel(wheel, "served", "1.0").field("comment", "built by hand"));
        upload(Uploads.sdist(sdist, "served", "1.0"));

        byte[] wheelBytes = Files.readAllBytes(wheel);
        DistFile stored = file("served-1.0-py3-none-any.whl");
        assertThat(stored.digests()).isEqualTo(Seed.digests(wheelBytes));
        assertThat(stored.size()).isEqualTo(wheelBytes.length);
        assertThat(stored.packageType()).isEqualTo(PackageType.bdist_wheel);
        assertThat(stored.pythonVersion()).isEqualTo("py3");
        assertThat(stored.commentText()).isEqualTo("built by hand");
        assertThat(stored.uploadedVia()).startsWith("Java/");
        assertThat(stored.path()).isEqualTo(Seed.blake2b(wheelBytes).substring(0, 2) + "/"
                + Seed.blake2b(wheelBytes).substring(2, 4) + "/" + Seed.blake2b(wheelBytes).substring(4)
                + "/served-1.0-py3-none-any.whl");
        assertThat(stored.metadata()).hasValueSatisfying(m -> {
            assertThat(m.sha256()).isEqualTo(Seed.sha256(metadata));
            assertThat(m.blake2b256()).isEqualTo(Seed.blake2b(metadata));
        });

        String page = Http.get(server.uri("/simple/served/")).text();
        URI wheelUrl = link(page, "served-1.0-py3-none-any.whl");
        assertThat(page).contains("data-dist-info-metadata=\"sha256=" + Seed.sha256(metadata) + "\"");
        assertThat(Http.get(wheelUrl).body()).isEqualTo(wheelBytes);
        Http.Response served = Http.get(URI.create(wheelUrl + ".metadata"));
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(metadata);
        assertThat(new String(served.body(), StandardCharsets.UTF_8)).startsWith("Metadata-Version: 2.1\nName: served\n");

        URI sdistUrl = link(page, "served-1.0.tar.gz");
        assertThat(Http.get(sdistUrl).body()).isEqualTo(Files.readAllBytes(sdist));
        assertThat(Http.get(URI.create(sdistUrl + ".metadata")).status()).as("sdists have no PEP 658 file")
                .isEqualTo(404);
        assertThat(file("served-1.0.tar.gz").metadata()).isEmpty();
    }

    private static DistFile file(String filename) {
        return server.app().store().read(tx -> tx.files().findByFilename(filename)).orElseThrow();
    }

    /** The absolute URL of {@code filename} on a Simple page, without its fragment. */
    private static URI link(String page, String filename) {
        Matcher m = Pattern.compile("href=\"([^\"#]*/" + Pattern.quote(filename) + ")[#\"]").matcher(page);
        assertThat(m.find()).as(filename + " on\n" + page).isTrue();
        return server.uri("/simple/served/").resolve(m.group(1));
    }

    /** The entries follow the last serial before them without a gap. */
    private static void assertConsecutive(IndexState before, List<JournalEntry> entries) {
        long last = before.journal().isEmpty() ? 0 : before.journal().get(before.journal().size() - 1).serial().value();
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).serial().value()).isEqualTo(last + 1 + i);
        }
    }
}
