package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.ReleaseStore.StoredDescription;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real upload path: a new release's description is rendered at upload and stored with
 * it, read back here behind the server's back (a second store on the same index); a later file of
 * the same release leaves it alone, whatever that upload's form says (metadata never changes after
 * the first upload).
 */
class DescriptionUploadTest {
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

    private static void upload(Uploads upload) {
        Http.Response response = upload.to(server);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    private static <T> T inStore(java.util.function.Function<Transaction, T> work) {
        try (MetadataStore store = server.storage().openStore(1)) {
            return store.write(work::apply);
        }
    }

    private static Release release(Transaction tx, String name, String version) {
        Project project = tx.projects().find(name).orElseThrow();
        return tx.releases().find(project.id(), version).orElseThrow();
    }

    private static Optional<StoredDescription> description(String name, String version) {
        return inStore(tx -> tx.releases().description(release(tx, name, version).id()));
    }

    @Test
    void aMarkdownDescriptionIsStoredRenderedAndSanitised() throws IOException {
        Path wheel = TestArchives.wheel("described", "1.0").writeTo(Files.createDirectories(tmp.resolve("a")));

        upload(Uploads.wheel(wheel, "described", "1.0")
                .field("description", "# Described\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n\n"
                        + "[x](javascript:alert(1)) https://example.com\n")
                .field("description_content_type", "text/markdown; charset=UTF-8; variant=GFM"));

        StoredDescription stored = description("described", "1").orElseThrow();
        assertThat(stored.renderer()).isEqualTo("markdown");
        assertThat(stored.problem()).isNull();
        var html = Jsoup.parseBodyFragment(stored.html());
        assertThat(html.select("h1").text()).isEqualTo("Described");
        assertThat(html.select("table td").eachText()).containsExactly("1", "2");
        assertThat(html.select("a[href]").eachAttr("href")).containsExactly("https://example.com");
        assertThat(html.select("a[href]").attr("rel")).isEqualTo("nofollow");
        assertThat(html.select("script")).isEmpty();
    }

    @Test
    void aReleaseWithoutDescriptionStoresAnEmptyOne() throws IOException {
        Path wheel = TestArchives.wheel("undescribed", "1.0").writeTo(Files.createDirectories(tmp.resolve("a")));

        upload(Uploads.wheel(wheel, "undescribed", "1.0"));

        assertThat(description("undescribed", "1")).contains(new StoredDescription("", "empty", null));
    }

    @Test
    void anInvalidRstDescriptionIsStoredAsPlainTextWithTheNote() throws IOException {
        Path wheel = TestArchives.wheel("broken-rst", "1.0").writeTo(Files.createDirectories(tmp.resolve("a")));

        upload(Uploads.wheel(wheel, "broken-rst", "1.0").field("description", "Title\n===\n\n`unclosed"));

        StoredDescription stored = description("broken-rst", "1").orElseThrow();
        assertThat(stored.renderer()).isEqualTo("plain");
        assertThat(stored.problem()).startsWith("The description could not be rendered as reStructuredText:");
        assertThat(Jsoup.parseBodyFragment(stored.html()).select("pre").first().wholeText())
                .isEqualTo("Title\n===\n\n`unclosed");
    }

    @Test
    void theSecondFileOfAReleaseKeepsTheStoredDescription() throws IOException {
        Path wheel = TestArchives.wheel("kept", "1.0").writeTo(Files.createDirectories(tmp.resolve("a")));
        Path sdist = TestArchives.sdist("kept", "1.0").writeTo(Files.createDirectories(tmp.resolve("b")));
        upload(Uploads.wheel(wheel, "kept", "1.0").field("description", "*first*")
                .field("description_content_type", "text/markdown"));
        // A mark no renderer would write: were the second upload to render and store, it would be gone.
        StoredDescription mark = new StoredDescription("<p>mark</p>", "markdown", null);
        inStore(tx -> {
            tx.releases().setDescription(release(tx, "kept", "1").id(), mark);
            return null;
        });

        upload(Uploads.sdist(sdist, "kept", "1.0").field("description", "*second*")
                .field("description_content_type", "text/plain"));

        assertThat(description("kept", "1")).contains(mark);
    }

    @Test
    void aNewVersionGetsItsOwnDescription() throws IOException {
        Path one = TestArchives.wheel("versions", "1.0").writeTo(Files.createDirectories(tmp.resolve("a")));
        Path two = TestArchives.wheel("versions", "2.0").writeTo(Files.createDirectories(tmp.resolve("b")));

        upload(Uploads.wheel(one, "versions", "1.0").field("description", "one").field("description_content_type",
                "text/plain"));
        upload(Uploads.wheel(two, "versions", "2.0").field("description", "*two*"));

        assertThat(description("versions", "1").orElseThrow().html()).isEqualTo("<pre>one</pre>");
        StoredDescription second = description("versions", "2").orElseThrow();
        assertThat(second.renderer()).isEqualTo("rst");
        assertThat(Jsoup.parseBodyFragment(second.html()).select("p > em").text()).isEqualTo("two");
    }
}
