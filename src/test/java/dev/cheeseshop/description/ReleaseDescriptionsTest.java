package dev.cheeseshop.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.ReleaseStore.StoredDescription;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.sql.SqliteStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's description for its page: the stored one as it is (nothing rendered), or, for a
 * release from before V10, rendered from its metadata once and stored; and the backfill of those
 * ({@link DescriptionBackfill}), with the real renderers: every release without a description
 * gets one stored, across several pages of the walk; a stored one is left as it is; a
 * reStructuredText that does not render is stored as plain text with its note; a second run
 * finds nothing to do.
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

    /** Counts what the run reports as done. */
    private static final class Counted implements Progress {
        final AtomicLong items = new AtomicLong();

        @Override
        public Stage start(String name, String unit, long total, long bytes) {
            return new Stage() {
                @Override
                public void advance(long done, long doneBytes) {
                    items.addAndGet(done);
                }

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void everyReleaseWithoutADescriptionGetsOneStoredAndAStoredOneIsLeftAlone() {
        Release markdown = release("1.0", "Aged *slowly*.", "text/markdown", null);
        Release rst = release("2.0", "Aged *slowly*, with ``care``.", "text/x-rst", null);
        Release broken = release("3.0", "Title\n===\n\n`unclosed", "text/x-rst", null);
        StoredDescription kept = new StoredDescription("<p>kept</p>", "markdown", null);
        Release already = release("4.0", "# Not this", "text/markdown", kept);
        List<Release> plain = new ArrayList<>();
        for (int i = 0; i < 2 * DescriptionBackfill.PAGE + 7; i++) {
            plain.add(release("5." + i, "line " + i + " <b>", "text/plain", null));
        }
        Counted progress = new Counted();

        DescriptionBackfill.Report report = new DescriptionBackfill(store, new DescriptionRenderer()).run(progress);

        assertThat(report).isEqualTo(new DescriptionBackfill.Report(3 + plain.size(), 1));
        assertThat(progress.items).hasValue(3 + plain.size());
        assertThat(stored(markdown)).hasValueSatisfying(d -> {
            assertThat(d.renderer()).isEqualTo("markdown");
            assertThat(Jsoup.parseBodyFragment(d.html()).select("p > em").text()).isEqualTo("slowly");
        });
        assertThat(stored(rst)).hasValueSatisfying(d -> {
            assertThat(d.renderer()).isEqualTo("rst");
            assertThat(Jsoup.parseBodyFragment(d.html()).select("em").text()).isEqualTo("slowly");
            assertThat(Jsoup.parseBodyFragment(d.html()).select("code, tt").text()).isEqualTo("care");
        });
        assertThat(stored(broken)).hasValueSatisfying(d -> {
            assertThat(d.renderer()).isEqualTo("plain");
            assertThat(d.problem()).startsWith("The description could not be rendered as reStructuredText:");
        });
        assertThat(stored(already)).contains(kept);
        for (int i = 0; i < plain.size(); i++) {
            String text = "line " + i + " <b>";
            assertThat(stored(plain.get(i))).as("release 5.%d", i).hasValueSatisfying(d ->
                    assertThat(Jsoup.parseBodyFragment(d.html()).selectFirst("pre").wholeText()).isEqualTo(text));
        }
        assertThat(store.read((Transaction tx) -> tx.releases().undescribed(0, 10))).isEmpty();

        assertThat(new DescriptionBackfill(store, new DescriptionRenderer()).run(Progress.NONE))
                .as("a second run").isEqualTo(new DescriptionBackfill.Report(0, 0));
    }
}
