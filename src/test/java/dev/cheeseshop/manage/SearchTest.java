package dev.cheeseshop.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.index.ProjectSearch;
import dev.cheeseshop.store.SearchHit;
import dev.cheeseshop.store.SearchPage;
import dev.cheeseshop.testing.Uploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index follows every change the use cases make, in their transactions, on a real
 * server: an upload (over HTTP, with its summary, keywords and classifiers), a new release, a
 * release or project removed, a quarantine and its clearing, a reservation.
 */
class SearchTest {
    private static final String WEB = "Framework :: Django";
    private static final String MIT = "License :: OSI Approved :: MIT License";

    @TempDir
    Path dir;

    private ManageFixture f;
    private ProjectSearch search;

    @BeforeEach
    void start() {
        f = ManageFixture.start();
        search = new ProjectSearch(f.server.app().store(), f.server.clock());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private void upload(String name, String version, String summary, String keywords, String... classifiers)
            throws Exception {
        Path versionDir = Files.createDirectories(dir.resolve(name + "-" + version));
        Uploads upload = Uploads.sdist(TestArchives.sdist(name, version).writeTo(versionDir), name, version)
                .field("summary", summary).field("keywords", keywords);
        for (String classifier : classifiers) {
            upload.add("classifiers", classifier);
        }
        f.accepted(upload);
    }

    private List<String> found(String text, String... classifiers) {
        return search.search(text, List.of(classifiers), 1).hits().stream().map(SearchHit::displayName).toList();
    }

    @Test
    void anUploadIsFoundAndARemovalTakesItBackOrOut() throws Exception {
        upload("Cheese_Board", "1.0", "Slices of aged cheddar", "dairy, wheels", MIT);
        upload("Cheese_Board", "2.0", "Blocks of young gouda", "dairy blocks", WEB);
        upload("crackers", "0.1", "Goes well with cheese", "snack");

        SearchPage page = search.search("cheese", List.of(), 1);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.hits()).extracting(SearchHit::displayName, SearchHit::version, SearchHit::summary)
                .containsExactly(tuple("Cheese_Board", "2.0", "Blocks of young gouda"),
                        tuple("crackers", "0.1", "Goes well with cheese"));
        assertThat(found("gouda")).containsExactly("Cheese_Board");
        assertThat(found("cheddar")).isEmpty();
        assertThat(found("blocks")).containsExactly("Cheese_Board");
        assertThat(found("", WEB)).containsExactly("Cheese_Board");
        assertThat(search.classifiers()).extracting(c -> c.classifier()).containsExactly(WEB);

        f.releases.removeRelease(f.alice, "cheese-board", "2.0");
        assertThat(found("gouda")).isEmpty();
        assertThat(found("cheddar wheels")).containsExactly("Cheese_Board");
        assertThat(found("", WEB)).isEmpty();
        assertThat(found("", MIT)).containsExactly("Cheese_Board");

        f.releases.removeProject(f.alice, "Cheese-Board");
        assertThat(found("cheese")).containsExactly("crackers");
        assertThat(found("cheddar")).isEmpty();
    }

    @Test
    void aQuarantinedProjectOrReleaseIsNotFoundUntilCleared() throws Exception {
        upload("brie", "1.0", "Soft and creamy", "soft");
        upload("brie", "2.0", "Runny when ripe", "soft");

        f.quarantine.release(f.root, "brie", "2.0");
        assertThat(search.search("brie", List.of(), 1).hits()).extracting(SearchHit::version).containsExactly("1.0");
        assertThat(found("runny")).isEmpty();

        f.quarantine.project(f.root, "brie");
        assertThat(found("brie")).isEmpty();
        assertThat(found("creamy")).isEmpty();

        f.quarantine.clearProject(f.root, "brie");
        f.quarantine.clearRelease(f.root, "brie", "2.0");
        assertThat(found("runny")).containsExactly("brie");
    }

    @Test
    void aReservedNameIsFoundByNameAndItsFirstUploadFillsItIn() throws Exception {
        f.reservation.reserve(Principal.of(f.root), "Stilton.Blue", "alice");
        assertThat(search.search("stilton", List.of(), 1).hits())
                .extracting(SearchHit::displayName, SearchHit::version, SearchHit::lastRelease)
                .containsExactly(tuple("Stilton.Blue", null, null));

        upload("stilton-blue", "1.0", "Veined and sharp", "blue");
        assertThat(search.search("stilton blue", List.of(), 1).hits()).extracting(SearchHit::displayName,
                SearchHit::version).containsExactly(tuple("stilton-blue", "1.0"));
        assertThat(found("veined")).containsExactly("stilton-blue");
    }
}
