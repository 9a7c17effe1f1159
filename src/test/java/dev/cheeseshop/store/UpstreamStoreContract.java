package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.store.UpstreamStore.CachedFile;
import dev.cheeseshop.store.UpstreamStore.CachedPage;
import dev.cheeseshop.store.UpstreamStore.KeptBlob;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} implementation must do with the proxy's cache
 * ({@link UpstreamStore}). Each backend's test class extends this and supplies a fresh, empty
 * store. Times carry microseconds, the precision stored.
 */
public abstract class UpstreamStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final String SHA_C = "c".repeat(64);
    private static final String SHA_M = "d".repeat(64);
    private static final String WHEEL = "demo_pkg-1.0-py3-none-any.whl";
    private static final String SDIST = "demo_pkg-1.0.tar.gz";
    private static final String OLD = "demo_pkg-0.9.tar.gz";

    protected MetadataStore store;

    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    // Every field given (wheel), every optional field absent (old), a yank with an empty reason (sdist).
    private static UpstreamFile wheel(String sha256, Optional<String> metadataSha256) {
        return new UpstreamFile(WHEEL, URI.create("https://files.example.org/packages/ab/" + WHEEL),
                Optional.of(sha256), OptionalLong.of(12_345), Optional.of(T0.minus(Duration.ofDays(3))),
                Optional.of(">=3.9"), Optional.of("broken build"), metadataSha256);
    }

    private static UpstreamFile sdist(String sha256) {
        return new UpstreamFile(SDIST, URI.create("https://files.example.org/packages/cd/" + SDIST + "?x=1"),
                Optional.of(sha256), OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of(""),
                Optional.empty());
    }

    private static UpstreamFile old() {
        return new UpstreamFile(OLD, URI.create("https://mirror.example.org/simple/demo-pkg/" + OLD),
                Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static UpstreamPage listing(String name, UpstreamFile... files) {
        return new UpstreamPage(name, "Demo_Pkg", Optional.of("W/\"etag-1\""), OptionalLong.of(4_321), List.of(files));
    }

    private List<String> save(UpstreamPage page, Instant at) {
        return store.write((Transaction tx) -> tx.upstream().savePage(page, at));
    }

    private Optional<CachedPage> page(String name) {
        return store.read((Transaction tx) -> tx.upstream().page(name));
    }

    private CachedFile file(String name, String filename) {
        return store.read((Transaction tx) -> tx.upstream().file(name, filename)).orElseThrow();
    }

    private boolean kept(long id, boolean metadata, String key, long size, Instant at) {
        return store.write((Transaction tx) -> tx.upstream().fileKept(id, metadata, key, size, at));
    }

    private static String key(String sha256, String filename) {
        return "upstream/" + sha256 + "/" + filename;
    }

    @Test
    void thePagesVersionChangesWithEverySaveAndConfirmationAndGoesWithAPurge() {
        assertThat(version("demo-pkg")).isEmpty();
        save(listing("demo-pkg", sdist(SHA_B)), T0);
        UpstreamStore.PageVersion first = version("demo-pkg").orElseThrow();
        assertThat(first.fetchedAt()).isEqualTo(T0);

        store.write((Transaction tx) -> {
            tx.upstream().confirmPage("demo-pkg", T0.plusSeconds(60));
            return null;
        });
        assertThat(version("demo-pkg")).contains(new UpstreamStore.PageVersion(first.id(), T0.plusSeconds(60)));
        save(listing("demo-pkg", sdist(SHA_A)), T0.plusSeconds(120));
        assertThat(version("demo-pkg")).contains(new UpstreamStore.PageVersion(first.id(), T0.plusSeconds(120)));

        store.write((Transaction tx) -> tx.upstream().purge(Optional.of("demo-pkg")));
        assertThat(version("demo-pkg")).isEmpty();
        save(listing("demo-pkg", sdist(SHA_A)), T0.plusSeconds(120));
        assertThat(version("demo-pkg").orElseThrow().id()).as("a new row after a purge").isNotEqualTo(first.id());
    }

    private Optional<UpstreamStore.PageVersion> version(String name) {
        return store.read((Transaction tx) -> tx.upstream().version(name));
    }

    @Test
    void aProjectNeverFetchedHasNoPage() {
        assertThat(page("demo-pkg")).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.upstream().file("demo-pkg", WHEEL))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isZero();
        assertThat(store.read((Transaction tx) -> tx.upstream().leastRecentlyUsed(10))).isEmpty();
    }

    @Test
    void aSavedPageComesBackAsTheUpstreamGaveItInItsOrder() {
        assertThat(save(listing("demo-pkg", wheel(SHA_A, Optional.of(SHA_M)), old(), sdist(SHA_B)), T0)).isEmpty();

        CachedPage cached = page("demo-pkg").orElseThrow();
        assertThat(cached.normalizedName()).isEqualTo("demo-pkg");
        assertThat(cached.displayName()).isEqualTo("Demo_Pkg");
        assertThat(cached.etag()).contains("W/\"etag-1\"");
        assertThat(cached.serial()).isEqualTo(OptionalLong.of(4_321));
        assertThat(cached.fetchedAt()).isEqualTo(T0);
        assertThat(cached.files()).extracting(CachedFile::file)
                .containsExactly(wheel(SHA_A, Optional.of(SHA_M)), old(), sdist(SHA_B));
        assertThat(cached.files()).allSatisfy(file -> {
            assertThat(file.key()).isEmpty();
            assertThat(file.metadataKey()).isEmpty();
        });
        assertThat(cached.files()).extracting(CachedFile::id).doesNotHaveDuplicates();
        assertThat(file("demo-pkg", SDIST)).isEqualTo(cached.files().get(2));
        assertThat(store.read((Transaction tx) -> tx.upstream().file("demo-pkg", "nothing.tar.gz"))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.upstream().file("other", SDIST))).isEmpty();
    }

    @Test
    void aPageWithoutValidatorsKeepsNone() {
        save(new UpstreamPage("static", "static", Optional.of("\"1\""), OptionalLong.of(1), List.of()), T0);
        save(new UpstreamPage("static", "Static", Optional.empty(), OptionalLong.empty(), List.of(old())), T0);

        CachedPage cached = page("static").orElseThrow();
        assertThat(cached.displayName()).isEqualTo("Static");
        assertThat(cached.etag()).isEmpty();
        assertThat(cached.serial()).isEmpty();
        assertThat(cached.files()).extracting(CachedFile::file).containsExactly(old());
    }

    @Test
    void aFilenameListedTwiceIsTakenAtItsFirstPlace() {
        save(listing("demo-pkg", sdist(SHA_B), old(), sdist(SHA_C)), T0);

        assertThat(page("demo-pkg").orElseThrow().files()).extracting(CachedFile::file)
                .containsExactly(sdist(SHA_B), old());
    }

    @Test
    void aConfirmationMovesOnlyTheTimeOfThePage() {
        save(listing("demo-pkg", sdist(SHA_B)), T0);
        store.write((Transaction tx) -> {
            tx.upstream().confirmPage("demo-pkg", T0.plusSeconds(600));
            tx.upstream().confirmPage("never-fetched", T0.plusSeconds(600));
            return null;
        });

        CachedPage cached = page("demo-pkg").orElseThrow();
        assertThat(cached.fetchedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(cached.etag()).contains("W/\"etag-1\"");
        assertThat(cached.files()).extracting(CachedFile::file).containsExactly(sdist(SHA_B));
        assertThat(page("never-fetched")).isEmpty();
    }

    @Test
    void aKeptFileIsNamedByItsKeysUntilForgotten() {
        save(listing("demo-pkg", wheel(SHA_A, Optional.of(SHA_M)), sdist(SHA_B)), T0);
        long wheelId = file("demo-pkg", WHEEL).id();
        String bytes = key(SHA_A, WHEEL);
        String metadata = bytes + ".metadata";

        assertThat(kept(wheelId, false, bytes, 12_345, T0)).isTrue();
        assertThat(kept(wheelId, true, metadata, 321, T0)).isTrue();

        CachedFile cached = file("demo-pkg", WHEEL);
        assertThat(cached.key()).contains(bytes);
        assertThat(cached.metadataKey()).contains(metadata);
        assertThat(file("demo-pkg", SDIST).key()).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.upstream().referencesBlob(bytes))).isTrue();
        assertThat(store.read((Transaction tx) -> tx.upstream().referencesBlob(metadata))).isTrue();
        assertThat(store.read((Transaction tx) -> tx.upstream().referencesBlob(key(SHA_B, SDIST)))).isFalse();
        assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isEqualTo(12_345 + 321);

        store.write((Transaction tx) -> {
            tx.upstream().forget(bytes);
            return null;
        });
        cached = file("demo-pkg", WHEEL);
        assertThat(cached.key()).isEmpty();
        assertThat(cached.metadataKey()).contains(metadata);
        assertThat(store.read((Transaction tx) -> tx.upstream().referencesBlob(bytes))).isFalse();
        assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isEqualTo(321);
        assertThat(store.read((Transaction tx) -> tx.upstream().leastRecentlyUsed(10)))
                .containsExactly(new KeptBlob(metadata, 321, T0));
    }

    @Test
    void onlyKeysUnderThePrefixAreKeptAndAGoneRowKeepsNothing() {
        save(listing("demo-pkg", sdist(SHA_B)), T0);
        long id = file("demo-pkg", SDIST).id();

        assertThatThrownBy(() -> kept(id, false, "bb/bb/" + SDIST, 1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(kept(id + 1_000, false, key(SHA_B, SDIST), 1, T0)).isFalse();
        assertThat(store.read((Transaction tx) -> tx.upstream().referencesBlob(key(SHA_B, SDIST)))).isFalse();
    }

    @Test
    void savingAgainKeepsWhatIsStillListedWithTheSameHashAndHandsBackTheRest() {
        save(listing("demo-pkg", wheel(SHA_A, Optional.of(SHA_M)), sdist(SHA_B), old()), T0);
        long wheelId = file("demo-pkg", WHEEL).id();
        long sdistId = file("demo-pkg", SDIST).id();
        kept(wheelId, false, key(SHA_A, WHEEL), 100, T0);
        kept(wheelId, true, key(SHA_A, WHEEL) + ".metadata", 10, T0);
        kept(sdistId, false, key(SHA_B, SDIST), 200, T0.plusSeconds(1));

        // The sdist was replaced upstream (a new hash), the old file is gone, the wheel is yanked no more.
        UpstreamFile unyanked = new UpstreamFile(WHEEL, URI.create("https://files.example.org/new/" + WHEEL),
                Optional.of(SHA_A), OptionalLong.of(12_345), wheel(SHA_A, Optional.empty()).uploadTime(),
                Optional.of(">=3.10"), Optional.empty(), Optional.of(SHA_M));
        UpstreamPage second = new UpstreamPage("demo-pkg", "demo.pkg", Optional.of("\"2\""), OptionalLong.of(5_000),
                List.of(sdist(SHA_C), unyanked));
        List<String> dropped = save(second, T0.plusSeconds(60));

        assertThat(dropped).containsExactly(key(SHA_B, SDIST));
        CachedPage cached = page("demo-pkg").orElseThrow();
        assertThat(cached.displayName()).isEqualTo("demo.pkg");
        assertThat(cached.etag()).contains("\"2\"");
        assertThat(cached.serial()).isEqualTo(OptionalLong.of(5_000));
        assertThat(cached.fetchedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(cached.files()).extracting(CachedFile::file).containsExactly(sdist(SHA_C), unyanked);
        CachedFile wheel = cached.files().get(1);
        assertThat(wheel.id()).isEqualTo(wheelId);
        assertThat(wheel.key()).contains(key(SHA_A, WHEEL));
        assertThat(wheel.metadataKey()).contains(key(SHA_A, WHEEL) + ".metadata");
        CachedFile sdist = cached.files().get(0);
        assertThat(sdist.id()).isNotEqualTo(sdistId);
        assertThat(sdist.key()).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isEqualTo(110);
        // The stale id of the replaced file names nothing, not even the row that took its place.
        assertThat(kept(sdistId, false, key(SHA_B, SDIST), 200, T0)).isFalse();
        assertThat(kept(sdist.id(), false, key(SHA_C, SDIST), 300, T0)).isTrue();
    }

    @Test
    void aPageListingTheSameFilesInAnotherOrderKeepsThemInTheNewOrder() {
        save(listing("demo-pkg", sdist(SHA_B), old(), wheel(SHA_A, Optional.empty())), T0);
        List<Long> ids = page("demo-pkg").orElseThrow().files().stream().map(CachedFile::id).toList();

        assertThat(save(listing("demo-pkg", wheel(SHA_A, Optional.empty()), sdist(SHA_B), old()), T0)).isEmpty();

        CachedPage cached = page("demo-pkg").orElseThrow();
        assertThat(cached.files()).extracting(CachedFile::file)
                .containsExactly(wheel(SHA_A, Optional.empty()), sdist(SHA_B), old());
        // The files with a sha256 keep their rows; the one without is never kept, and is written anew.
        assertThat(cached.files().get(0).id()).isEqualTo(ids.get(2));
        assertThat(cached.files().get(1).id()).isEqualTo(ids.get(0));
    }

    @Test
    void aReplacedFileNeverGetsTheIdOfTheRowItReplaced() {
        save(listing("demo-pkg", sdist(SHA_B)), T0);
        long first = file("demo-pkg", SDIST).id();
        save(listing("demo-pkg", sdist(SHA_C)), T0);
        long second = file("demo-pkg", SDIST).id();
        save(listing("demo-pkg"), T0);
        save(listing("demo-pkg", sdist(SHA_B)), T0);

        assertThat(List.of(first, second, file("demo-pkg", SDIST).id())).doesNotHaveDuplicates();
    }

    @Test
    void keptMetadataGoesWhenThePageNoLongerGivesItsHash() {
        save(listing("demo-pkg", wheel(SHA_A, Optional.of(SHA_M))), T0);
        long id = file("demo-pkg", WHEEL).id();
        kept(id, false, key(SHA_A, WHEEL), 100, T0);
        kept(id, true, key(SHA_A, WHEEL) + ".metadata", 10, T0);

        assertThat(save(listing("demo-pkg", wheel(SHA_A, Optional.of(SHA_C))), T0))
                .containsExactly(key(SHA_A, WHEEL) + ".metadata");
        CachedFile cached = file("demo-pkg", WHEEL);
        assertThat(cached.id()).isEqualTo(id);
        assertThat(cached.key()).contains(key(SHA_A, WHEEL));
        assertThat(cached.metadataKey()).isEmpty();
        assertThat(cached.file().metadataSha256()).contains(SHA_C);
        assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isEqualTo(100);
    }

    @Test
    void theLeastRecentlyUsedComeFirstAndUsesOnlyMoveForward() {
        save(listing("demo-pkg", wheel(SHA_A, Optional.of(SHA_M)), sdist(SHA_B)), T0);
        save(new UpstreamPage("other", "other", Optional.empty(), OptionalLong.empty(),
                List.of(new UpstreamFile("other-1.0.tar.gz", URI.create("https://x.example/other-1.0.tar.gz"),
                        Optional.of(SHA_C), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()))), T0);
        long wheel = file("demo-pkg", WHEEL).id();
        long sdist = file("demo-pkg", SDIST).id();
        long other = file("other", "other-1.0.tar.gz").id();
        kept(wheel, false, key(SHA_A, WHEEL), 100, T0.plusSeconds(10));
        kept(wheel, true, key(SHA_A, WHEEL) + ".metadata", 10, T0.plusSeconds(20));
        kept(sdist, false, key(SHA_B, SDIST), 200, T0.plusSeconds(30));
        kept(other, false, key(SHA_C, "other-1.0.tar.gz"), 300, T0.plusSeconds(5));

        store.write((Transaction tx) -> {
            tx.upstream().used(Map.of(other, T0.plusSeconds(40), sdist, T0.plusSeconds(1), 999_999L, T0));
            return null;
        });

        // The wheel was last used at +20 (its METADATA's keep), the sdist at +30 (+1 is older), other at +40.
        assertThat(store.read((Transaction tx) -> tx.upstream().leastRecentlyUsed(10))).containsExactly(
                new KeptBlob(key(SHA_A, WHEEL), 100, T0.plusSeconds(20)),
                new KeptBlob(key(SHA_A, WHEEL) + ".metadata", 10, T0.plusSeconds(20)),
                new KeptBlob(key(SHA_B, SDIST), 200, T0.plusSeconds(30)),
                new KeptBlob(key(SHA_C, "other-1.0.tar.gz"), 300, T0.plusSeconds(40)));
        assertThat(store.read((Transaction tx) -> tx.upstream().leastRecentlyUsed(1)))
                .containsExactly(new KeptBlob(key(SHA_A, WHEEL), 100, T0.plusSeconds(20)));
        assertThat(store.read((Transaction tx) -> tx.upstream().leastRecentlyUsed(3))).hasSize(3);
        assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isEqualTo(610);
    }

    @Test
    void aKeyTwoProjectsNameStaysNamedUntilBothForgetIt() {
        String shared = key(SHA_B, SDIST);
        save(listing("demo-pkg", sdist(SHA_B)), T0);
        save(listing("demo-pkg-alias", sdist(SHA_B)), T0);
        kept(file("demo-pkg", SDIST).id(), false, shared, 200, T0);
        kept(file("demo-pkg-alias", SDIST).id(), false, shared, 200, T0);

        assertThat(store.write((Transaction tx) -> tx.upstream().purge(Optional.of("demo-pkg")))).containsExactly(shared);
        assertThat(store.read((Transaction tx) -> tx.upstream().referencesBlob(shared))).isTrue();

        store.write((Transaction tx) -> {
            tx.upstream().forget(shared);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.upstream().referencesBlob(shared))).isFalse();
        assertThat(page("demo-pkg-alias").orElseThrow().files()).hasSize(1);
    }

    @Test
    void aPurgeForgetsTheProjectOrEverythingAndHandsBackTheKeys() {
        save(listing("demo-pkg", wheel(SHA_A, Optional.of(SHA_M)), sdist(SHA_B), old()), T0);
        save(listing("other", sdist(SHA_C)), T0);
        long wheel = file("demo-pkg", WHEEL).id();
        kept(wheel, false, key(SHA_A, WHEEL), 100, T0);
        kept(wheel, true, key(SHA_A, WHEEL) + ".metadata", 10, T0);
        kept(file("other", SDIST).id(), true, key(SHA_C, SDIST) + ".metadata", 30, T0);

        assertThat(store.write((Transaction tx) -> tx.upstream().purge(Optional.of("demo-pkg"))))
                .containsExactlyInAnyOrder(key(SHA_A, WHEEL), key(SHA_A, WHEEL) + ".metadata");
        assertThat(page("demo-pkg")).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.upstream().file("demo-pkg", WHEEL))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.upstream().referencesBlob(key(SHA_A, WHEEL)))).isFalse();
        assertThat(kept(wheel, false, key(SHA_A, WHEEL), 100, T0)).isFalse();
        assertThat(page("other")).isPresent();
        assertThat(store.write((Transaction tx) -> tx.upstream().purge(Optional.of("never-fetched")))).isEmpty();

        assertThat(store.write((Transaction tx) -> tx.upstream().purge(Optional.empty())))
                .containsExactly(key(SHA_C, SDIST) + ".metadata");
        assertThat(page("other")).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.upstream().keptBytes())).isZero();
        // A project fetched again after a purge starts afresh.
        save(listing("other", sdist(SHA_C)), T0);
        assertThat(file("other", SDIST).metadataKey()).isEmpty();
    }

    @Test
    void theKeptFilesAreWalkedByIdInPages() {
        save(listing("demo-pkg", wheel(SHA_A, Optional.of(SHA_M)), sdist(SHA_B), old()), T0);
        save(listing("other", sdist(SHA_C)), T0);
        long wheel = file("demo-pkg", WHEEL).id();
        long other = file("other", SDIST).id();
        kept(other, false, key(SHA_C, SDIST), 30, T0);
        kept(wheel, true, key(SHA_A, WHEEL) + ".metadata", 10, T0);

        List<CachedFile> first = store.read((Transaction tx) -> tx.upstream().keptAfter(0, 1));
        assertThat(first).extracting(CachedFile::id).containsExactly(wheel);
        assertThat(first.get(0).metadataKey()).contains(key(SHA_A, WHEEL) + ".metadata");
        assertThat(first.get(0).file()).isEqualTo(wheel(SHA_A, Optional.of(SHA_M)));
        List<CachedFile> rest = store.read((Transaction tx) -> tx.upstream().keptAfter(wheel, 10));
        assertThat(rest).extracting(CachedFile::id).containsExactly(other);
        assertThat(rest.get(0).key()).contains(key(SHA_C, SDIST));
        assertThat(store.read((Transaction tx) -> tx.upstream().keptAfter(other, 10))).isEmpty();
    }

    @Test
    void aFileHasItsKeyUnderThePrefix() {
        assertThat(UpstreamStore.keyOf(sdist(SHA_B))).isEqualTo("upstream/" + SHA_B + "/" + SDIST);
        assertThat(UpstreamStore.metadataKeyOf(sdist(SHA_B))).isEqualTo("upstream/" + SHA_B + "/" + SDIST + ".metadata");
        assertThatThrownBy(() -> UpstreamStore.keyOf(old())).isInstanceOf(IllegalArgumentException.class);
        UpstreamFile sneaky = new UpstreamFile("../x.tar.gz", URI.create("https://x.example/x"), Optional.of(SHA_B),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> UpstreamStore.keyOf(sneaky)).isInstanceOf(IllegalArgumentException.class);
        UpstreamFile shouting = new UpstreamFile(SDIST, URI.create("https://x.example/x"), Optional.of("B".repeat(64)),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> UpstreamStore.keyOf(shouting)).isInstanceOf(IllegalArgumentException.class);
    }
}
