package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.ReleaseStore.StoredDescription;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Processes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render-descriptions} on the packaged jar, over an index (on the backend the tests run
 * on) whose releases were stored without descriptions (as before V10): each gets one, the summary says how many and how many
 * fell back to plain text, progress goes to standard error, and a second run has nothing to do.
 */
class RenderDescriptionsCommandIT {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    @Test
    void releasesWithoutADescriptionGetOneAndASecondRunHasNothingToDo() {
        Path data = tmp.resolve("d");
        Backend.Storage storage = Backend.selected().forData(data);
        long first;
        try (MetadataStore store = storage.openStore(1)) {
            first = store.write((Transaction tx) -> {
                long project = tx.projects().insert(ProjectName.of("old-cheese"), T0).id();
                Release one = insert(tx, project, "1.0", "# Old", "text/markdown");
                insert(tx, project, "2.0", "Old *cheese*", "text/x-rst");
                insert(tx, project, "3.0", "Title\n===\n\n`unclosed", "text/x-rst");
                return one.id();
            });
        }

        Processes.Result run = Processes.cheeseshop("render-descriptions", "--data", data.toString(),
                "--progress", "lines", "--progress-interval", "0").run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout().lines()).as(run.describe()).containsExactly(
                "3 release descriptions rendered and stored, 1 of them as plain text (their reStructuredText did"
                        + " not render)");
        assertThat(run.stderr()).as(run.describe()).contains("descriptions");
        try (MetadataStore store = storage.openStore(1)) {
            Optional<StoredDescription> stored = store.read((Transaction tx) -> tx.releases().description(first));
            assertThat(stored).hasValueSatisfying(d -> assertThat(d.renderer()).isEqualTo("markdown"));
            assertThat(store.read((Transaction tx) -> tx.releases().undescribed(0, 10))).isEmpty();
        }

        Processes.Result again = Processes.cheeseshop("render-descriptions", "--data", data.toString(),
                "--progress", "none").run();
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.stdout().lines()).containsExactly("0 release descriptions rendered and stored");
    }

    private static Release insert(Transaction tx, long project, String version, String description, String type) {
        return tx.releases().insert(project, version, version, new ReleaseMetadata(Map.of("description",
                List.of(description), "description_content_type", List.of(type))), T0);
    }
}
