package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.ReleaseStore.StoredDescription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} must do with a release's rendered description (V10): kept as
 * given at insert or by {@link ReleaseStore#setDescription}, byte for byte (HTML with non-ASCII
 * text and every kind of quote), none for a release never rendered, gone with its release.
 */
public abstract class DescriptionStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.123456Z");
    private static final String HTML = "<h2 id=\"caf\u00e9\">Caf\u00e9 \u2603 \uD83D\uDE00</h2>\n<p>it's \"quoted\""
            + " &amp; <a href=\"https://example.com\" rel=\"nofollow\">x</a></p>\n";

    protected MetadataStore store;
    private long projectId;

    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
        projectId = store.write((Transaction tx) -> tx.projects().insert(ProjectName.of("demo"), T0)).id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Release insert(String version, StoredDescription description) {
        return store.write((Transaction tx) -> tx.releases().insert(projectId, version, version,
                new ReleaseMetadata(Map.of("description", List.of("# x"))), T0, description));
    }

    private Optional<StoredDescription> read(long releaseId) {
        return store.read((Transaction tx) -> tx.releases().description(releaseId));
    }

    @Test
    void aDescriptionGivenAtInsertIsReadBackAsGiven() {
        Release release = insert("1.0", new StoredDescription(HTML, "markdown", null));

        assertThat(read(release.id())).contains(new StoredDescription(HTML, "markdown", null));
    }

    @Test
    void theProblemNoteIsKept() {
        String note = "The description could not be rendered as reStructuredText: <string>:4: (WARNING/2) x;"
                + " it is shown as plain text.";
        Release release = insert("1.0", new StoredDescription("<pre>a</pre>", "plain", note));

        assertThat(read(release.id())).contains(new StoredDescription("<pre>a</pre>", "plain", note));
    }

    @Test
    void aReleaseInsertedWithoutADescriptionHasNone() {
        Release withNone = insert("1.0", null);
        Release oldStyle = store.write((Transaction tx) -> tx.releases().insert(projectId, "2.0", "2",
                ReleaseMetadata.EMPTY, T0));

        assertThat(read(withNone.id())).isEmpty();
        assertThat(read(oldStyle.id())).isEmpty();
    }

    @Test
    void anEmptyDescriptionIsStoredAsSuchNotAsNone() {
        Release release = insert("1.0", new StoredDescription("", "empty", null));

        assertThat(read(release.id())).contains(new StoredDescription("", "empty", null));
    }

    @Test
    void setDescriptionStoresOrReplacesOnlyThatRelease() {
        Release one = insert("1.0", null);
        Release two = insert("2.0", new StoredDescription("<p>two</p>", "rst", null));

        store.write((Transaction tx) -> {
            tx.releases().setDescription(one.id(), new StoredDescription(HTML, "rst", null));
            return null;
        });
        assertThat(read(one.id())).contains(new StoredDescription(HTML, "rst", null));
        assertThat(read(two.id())).contains(new StoredDescription("<p>two</p>", "rst", null));

        store.write((Transaction tx) -> {
            tx.releases().setDescription(two.id(), new StoredDescription("<pre>2</pre>", "plain", "why"));
            return null;
        });
        assertThat(read(two.id())).contains(new StoredDescription("<pre>2</pre>", "plain", "why"));
        assertThat(read(one.id())).contains(new StoredDescription(HTML, "rst", null));
    }

    @Test
    void undescribedWalksTheReleasesWithoutADescriptionByIdAPageAtATime() {
        Release one = insert("1.0", null);
        insert("2.0", new StoredDescription("<p>two</p>", "rst", null));
        Release three = insert("3.0", null);
        Release four = insert("4.0", new StoredDescription("", "empty", null));
        Release five = insert("5.0", null);

        List<Release> first = store.read((Transaction tx) -> tx.releases().undescribed(0, 2));
        assertThat(first).containsExactly(one, three);
        List<Release> next = store.read((Transaction tx) -> tx.releases().undescribed(three.id(), 2));
        assertThat(next).containsExactly(five);
        assertThat(store.read((Transaction tx) -> tx.releases().undescribed(five.id(), 2))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.releases().undescribed(four.id(), 10))).containsExactly(five);

        store.write((Transaction tx) -> {
            tx.releases().setDescription(three.id(), new StoredDescription(HTML, "rst", null));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.releases().undescribed(0, 10))).containsExactly(one, five);
    }

    @Test
    void theDescriptionGoesWithItsRelease() {
        Release release = insert("1.0", new StoredDescription(HTML, "markdown", null));

        store.write((Transaction tx) -> {
            tx.releases().delete(release.id());
            return null;
        });

        assertThat(read(release.id())).isEmpty();
    }

    @Test
    void aWriteThatRollsBackStoresNothing() {
        Release release = insert("1.0", null);

        try {
            store.write((Transaction tx) -> {
                tx.releases().setDescription(release.id(), new StoredDescription(HTML, "rst", null));
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // The write's failure, as thrown.
        }

        assertThat(read(release.id())).isEmpty();
    }

    @Test
    void theReleaseReadsAsBefore() {
        Release release = insert("1.0", new StoredDescription(HTML, "markdown", null));

        Optional<Release> found = store.read((Transaction tx) -> tx.releases().find(projectId, "1.0"));
        assertThat(found).contains(release);
        assertThat(found.get().metadata().first("description")).contains("# x");
    }
}
