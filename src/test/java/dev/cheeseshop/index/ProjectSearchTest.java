package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SearchHit;
import dev.cheeseshop.store.SearchPage;
import dev.cheeseshop.store.SearchStore.ClassifierCount;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The use case's bounds: pages of 20, the page clamped to 1..500, the filter choices kept a minute. */
class ProjectSearchTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    @TempDir
    Path dir;

    private MetadataStore store;
    private MutableClock clock;
    private ProjectSearch search;

    @BeforeEach
    void open() {
        store = SqliteStores.open(dir.resolve("cheeseshop.db"), 2);
        clock = new MutableClock(T0);
        search = new ProjectSearch(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void publish(String name, String... classifiers) {
        store.write(tx -> {
            long id = tx.projects().insert(ProjectName.of(name), T0).id();
            tx.releases().insert(id, "1.0", "1", new ReleaseMetadata(Map.of("classifiers", List.of(classifiers))), T0);
            SearchIndexing.refresh(tx, ProjectName.normalize(name));
            return null;
        });
    }

    @Test
    void pagesHoldTwentyAndThePageIsClamped() {
        for (int i = 0; i < 25; i++) {
            publish("pkg-%02d".formatted(i));
        }

        SearchPage first = search.search("", List.of(), 0);
        SearchPage second = search.search(null, null, 2);
        SearchPage last = search.search("pkg", List.of(), Integer.MAX_VALUE);

        assertThat(first.page()).isEqualTo(1);
        assertThat(first.hits()).hasSize(20).first().extracting(SearchHit::normalizedName).isEqualTo("pkg-00");
        assertThat(second.hits()).extracting(SearchHit::normalizedName)
                .containsExactly("pkg-20", "pkg-21", "pkg-22", "pkg-23", "pkg-24");
        assertThat(second.pageCount()).isEqualTo(2);
        assertThat(last.page()).isEqualTo(500);
        assertThat(last.total()).isEqualTo(25);
        assertThat(last.hits()).isEmpty();
    }

    @Test
    void theFilterChoicesAreReadAgainAfterAMinute() {
        publish("a", "X :: 1");
        assertThat(search.classifiers()).containsExactly(new ClassifierCount("X :: 1", 1));

        publish("b", "X :: 1", "Y :: 2");
        clock.advance(Duration.ofSeconds(59));
        assertThat(search.classifiers()).containsExactly(new ClassifierCount("X :: 1", 1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(search.classifiers()).containsExactly(new ClassifierCount("X :: 1", 2),
                new ClassifierCount("Y :: 2", 1));
    }
}
