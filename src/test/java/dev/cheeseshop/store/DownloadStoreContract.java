package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.DownloadStore.Count;
import dev.cheeseshop.store.DownloadStore.FileDownloads;
import dev.cheeseshop.store.DownloadStore.ProjectDownloads;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} implementation must do with download counts (the part of the
 * metadata store contract about {@link DownloadStore}). Each backend's test class extends this
 * and supplies a fresh, empty store, and a plain connection to count its rows.
 */
public abstract class DownloadStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final long DAY = 20_500;

    protected MetadataStore store;
    private long demo;
    private long other;
    private DistFile sdist;
    private DistFile wheel;
    private DistFile otherFile;

    protected abstract MetadataStore newStore() throws Exception;

    /** A plain connection to the store's database. */
    protected abstract Connection connect() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
        store.write((Transaction tx) -> {
            Project p = tx.projects().insert(ProjectName.of("Demo"), T0);
            Project q = tx.projects().insert(ProjectName.of("other"), T0);
            demo = p.id();
            other = q.id();
            long one = tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
            long two = tx.releases().insert(p.id(), "2.0", "2", ReleaseMetadata.EMPTY, T0).id();
            long three = tx.releases().insert(q.id(), "0.1", "0.1", ReleaseMetadata.EMPTY, T0).id();
            sdist = tx.files().insert(file(one, "demo-1.0.tar.gz", 'a'));
            wheel = tx.files().insert(file(two, "demo-2.0-py3-none-any.whl", 'b'));
            otherFile = tx.files().insert(file(three, "other-0.1.tar.gz", 'c'));
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void countsAreAddedToTheStoredCountOneRowPerFileAndDay() throws Exception {
        add(new Count(sdist.id(), DAY, 3), new Count(wheel.id(), DAY, 1), new Count(sdist.id(), DAY + 1, 2));
        add(new Count(sdist.id(), DAY, 4), new Count(wheel.id(), DAY + 1, 5));

        assertThat(rows()).containsExactly(
                List.of(sdist.id(), DAY, 7L), List.of(sdist.id(), DAY + 1, 2L),
                List.of(wheel.id(), DAY, 1L), List.of(wheel.id(), DAY + 1, 5L));
        assertThat(store.read((Transaction tx) -> tx.downloads().dailyForProject(demo, DAY)))
                .isEqualTo(Map.of(DAY, 8L, DAY + 1, 7L));
        assertThat(store.read((Transaction tx) -> tx.downloads().dailyForProject(demo, DAY + 1)))
                .isEqualTo(Map.of(DAY + 1, 7L));
        assertThat(store.read((Transaction tx) -> tx.downloads().dailyForProject(other, DAY))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.downloads().totalOn(DAY))).isEqualTo(8);
        assertThat(store.read((Transaction tx) -> tx.downloads().totalOn(DAY + 1))).isEqualTo(7);
        assertThat(store.read((Transaction tx) -> tx.downloads().totalOn(DAY + 2))).isZero();
    }

    @Test
    void filesAreListedByNameWithTheirDownloadsSinceADay() {
        add(new Count(wheel.id(), DAY - 1, 100), new Count(wheel.id(), DAY, 2), new Count(sdist.id(), DAY + 2, 5),
                new Count(otherFile.id(), DAY, 9));

        assertThat(store.read((Transaction tx) -> tx.downloads().filesForProject(demo, DAY))).containsExactly(
                new FileDownloads("demo-1.0.tar.gz", 5), new FileDownloads("demo-2.0-py3-none-any.whl", 2));
        assertThat(store.read((Transaction tx) -> tx.downloads().filesForProject(demo, DAY + 3))).isEmpty();
    }

    @Test
    void theTopListsProjectsMostDownloadedFirstThenByNameWithinTheLimit() {
        add(new Count(sdist.id(), DAY, 2), new Count(wheel.id(), DAY + 1, 2), new Count(otherFile.id(), DAY, 4),
                new Count(otherFile.id(), DAY - 1, 50));

        assertThat(store.read((Transaction tx) -> tx.downloads().top(DAY, 10))).containsExactly(
                new ProjectDownloads("Demo", "demo", 4), new ProjectDownloads("other", "other", 4));
        assertThat(store.read((Transaction tx) -> tx.downloads().top(DAY - 1, 10))).containsExactly(
                new ProjectDownloads("other", "other", 54), new ProjectDownloads("Demo", "demo", 4));
        assertThat(store.read((Transaction tx) -> tx.downloads().top(DAY - 1, 1))).containsExactly(
                new ProjectDownloads("other", "other", 54));
        assertThat(store.read((Transaction tx) -> tx.downloads().top(DAY + 2, 10))).isEmpty();
    }

    @Test
    void aRemovedFileTakesItsCountsAndALateCountForItIsDropped() throws Exception {
        add(new Count(sdist.id(), DAY, 3), new Count(wheel.id(), DAY, 1));
        store.write((Transaction tx) -> {
            tx.files().delete(sdist.id());
            return null;
        });
        add(new Count(sdist.id(), DAY, 6), new Count(wheel.id(), DAY, 1));

        assertThat(rows()).containsExactly(List.of(wheel.id(), DAY, 2L));
        assertThat(store.read((Transaction tx) -> tx.downloads().dailyForProject(demo, 0))).isEqualTo(Map.of(DAY, 2L));
    }

    private void add(Count... counts) {
        store.write((Transaction tx) -> {
            tx.downloads().add(List.of(counts));
            return null;
        });
    }

    /** Every stored row as (file, day, downloads), in that order. */
    private List<List<Long>> rows() throws Exception {
        List<List<Long>> out = new java.util.ArrayList<>();
        try (Connection conn = connect(); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT file_id, day, downloads FROM download_counts ORDER BY file_id, day")) {
            while (rs.next()) {
                out.add(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }

    private static DistFile file(long releaseId, String filename, char fill) {
        Digests digests = new Digests(String.valueOf(fill).repeat(32), String.valueOf(fill).repeat(64),
                String.valueOf(fill).repeat(64));
        return new DistFile(0, releaseId, filename, filename.endsWith(".whl") ? PackageType.bdist_wheel : PackageType.sdist,
                filename.endsWith(".whl") ? "py3" : "source", 123, digests, null, T0, digests.storagePath(filename),
                null, "test/1.0");
    }
}
