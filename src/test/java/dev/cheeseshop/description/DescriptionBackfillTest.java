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
import java.nio.file.Path;
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
 * The backfill of releases uploaded before V10, on a real SQLite file with the real renderers:
 * every release without a description gets one stored, across several pages of the walk; a stored
 * one is left as it is; a reStructuredText that does not render is stored as plain text with its
 * note; a second run finds nothing to do.
 */
class DescriptionBackfillTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private MetadataStore store;
    private long projectId;

    @BeforeEach
    void open() {
        store = SqliteStores.open(dir.resolve("cheeseshop.db"), 2);
        projectId = store.write((Transaction tx) -> tx.projects().insert(ProjectName.of("old-cheese"), T0)).id();
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
