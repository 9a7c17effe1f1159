package dev.cheeseshop.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.ReleaseStore.StoredDescription;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.sql.SqliteStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's description for its page: the stored one as it is (nothing rendered), or, for a
 * release from before V10, rendered from its metadata once and stored.
 */
class ReleaseDescriptionsTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private MetadataStore store;
    private long projectId;

    @BeforeEach
    void open() {
        store = SqliteStores.open(dir.resolve("cheeseshop.db"), 2);
        projectId = store.write((Transaction tx) -> tx.projects().insert(ProjectName.of("demo"), T0)).id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Release release(String version, String description, String type, StoredDescription stored) {
        return store.write((Transaction tx) -> tx.releases().insert(projectId, version, version,
                new ReleaseMetadata(Map.of("description", List.of(description), "description_content_type",
                        List.of(type))), T0, stored));
    }

    private Optional<StoredDescription> stored(Release release) {
        return store.read((Transaction tx) -> tx.releases().description(release.id()));
    }

    /** A renderer whose reStructuredText interpreter leaves a mark when it runs, and fails. */
    private DescriptionRenderer markingRenderer(Path mark) throws Exception {
        Path python = dir.resolve("python");
        Files.writeString(python, "#!/bin/sh\ntouch " + mark + "\nexit 1\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        return new DescriptionRenderer(new RstRenderer(python, new RstRenderer.Limits(1000, 1000,
                Duration.ofSeconds(20), 1)));
    }

    @Test
    void aReleaseFromBeforeV10IsRenderedOnceAndStored() {
        Release old = release("1.0", "# Hello", "text/markdown", null);
        ReleaseDescriptions descriptions = new ReleaseDescriptions(store, new DescriptionRenderer());

        RenderedDescription first = descriptions.forRelease(old);

        assertThat(first.renderer()).isEqualTo("markdown");
        assertThat(HtmlShape.of(first.html())).containsExactly("<h1 {id=hello}>", "'Hello'", "</h1>");
        assertThat(stored(old)).contains(new StoredDescription(first.html(), "markdown", null));

        StoredDescription mark = new StoredDescription("<p>mark</p>", "markdown", null);
        store.write((Transaction tx) -> {
            tx.releases().setDescription(old.id(), mark);
            return null;
        });
        assertThat(descriptions.forRelease(old)).isEqualTo(RenderedDescription.of("<p>mark</p>", "markdown", null));
    }

    @Test
    void aStoredDescriptionIsAnsweredWithoutRendering() throws Exception {
        Path mark = dir.resolve("rendered");
        Release release = release("1.0", "*x*", "text/x-rst",
                new StoredDescription("<p>stored</p>", "plain", "a note"));

        RenderedDescription answer = new ReleaseDescriptions(store, markingRenderer(mark)).forRelease(release);

        assertThat(answer).isEqualTo(RenderedDescription.of("<p>stored</p>", "plain", "a note"));
        assertThat(mark).doesNotExist();
    }

    @Test
    void aFailedRenderingIsStoredWithItsNote() throws Exception {
        Path mark = dir.resolve("rendered");
        Release old = release("1.0", "*x*", "text/x-rst", null);

        RenderedDescription answer = new ReleaseDescriptions(store, markingRenderer(mark)).forRelease(old);

        assertThat(mark).exists();
        assertThat(answer.renderer()).isEqualTo("plain");
        assertThat(answer.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " the renderer failed (exit status 1); it is shown as plain text.");
        assertThat(stored(old)).contains(new StoredDescription("<pre>*x*</pre>", "plain", answer.problem().get()));
    }

    @Test
    void aDeletedReleaseIsAnsweredAndNothingStored() {
        Release gone = release("1.0", "text", "text/plain", null);
        store.write((Transaction tx) -> {
            tx.releases().delete(gone.id());
            return null;
        });

        RenderedDescription answer = new ReleaseDescriptions(store, new DescriptionRenderer()).forRelease(gone);

        assertThat(answer.html()).isEqualTo("<pre>text</pre>");
        assertThat(stored(gone)).isEmpty();
    }
}
