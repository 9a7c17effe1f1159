package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.cheeseshop.index.SearchIndexing;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.SearchStore.ClassifierCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} implementation must do with the project search
 * ({@link SearchStore}), with documents written as the use cases write them
 * ({@link SearchIndexing#refresh}). Expected orders are written out from the ranking rule: the
 * exact name, names the key starts (shorter first), full-text relevance, name.
 */
public abstract class SearchStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String WEB = "Framework :: Django";
    private static final String PY3 = "Programming Language :: Python :: 3";
    private static final String MIT = "License :: OSI Approved :: MIT License";

    protected MetadataStore store;
    private int clock;

    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The next instant: each write is later than the last. */
    private Instant tick() {
        return T0.plus(Duration.ofMinutes(++clock));
    }

    private Release publish(String name, String version, String summary, String keywords, String... classifiers) {
        return store.write(tx -> {
            ProjectName projectName = ProjectName.of(name);
            Project project = tx.projects().find(projectName.normalized())
                    .orElseGet(() -> tx.projects().insert(projectName, tick()));
            Map<String, List<String>> fields = new LinkedHashMap<>();
            if (summary != null) {
                fields.put("summary", List.of(summary));
            }
            if (keywords != null) {
                fields.put("keywords", List.of(keywords));
            }
            fields.put("classifiers", List.of(classifiers));
            Release release = tx.releases().insert(project.id(), version, version, new ReleaseMetadata(fields), tick());
            SearchIndexing.refresh(tx, projectName.normalized());
            return release;
        });
    }

    private SearchPage search(String text, int page, int size, String... classifiers) {
        return store.read(tx -> tx.search().search(new SearchQuery(text, List.of(classifiers), page, size)));
    }

    private List<String> names(String text, String... classifiers) {
        return search(text, 1, 100, classifiers).hits().stream().map(SearchHit::normalizedName).toList();
    }

    private void seedRanking() {
        publish("req", "1.0", "Something else entirely", null);
        publish("Requests", "2.31.0", "Python HTTP for Humans.", "http,client");
        publish("requests_oauth", "0.4", "OAuth support", null);
        publish("httpx", "0.27.0", "A requests alternative", "async http");
        publish("flask", "3.0.0", "A simple framework", null);
    }

    @Test
    void theExactNameComesFirstThenNamePrefixesShorterFirstThenFullText() {
        seedRanking();

        assertThat(names("requests")).containsExactly("requests", "requests-oauth", "httpx");
        assertThat(names("req")).containsExactly("req", "requests", "requests-oauth", "httpx");
        assertThat(names("REQUESTS")).containsExactly("requests", "requests-oauth", "httpx");
    }

    @Test
    void wordsAreANameInItsNormalForm() {
        seedRanking();

        assertThat(names("Requests_OAuth")).containsExactly("requests-oauth");
        assertThat(names("requests oauth")).containsExactly("requests-oauth");
        assertThat(names("requests.oauth")).containsExactly("requests-oauth");
    }

    @Test
    void summariesAndKeywordsAreSearchedEveryWordTheLastAsAPrefix() {
        seedRanking();

        assertThat(names("humans")).containsExactly("requests");
        assertThat(names("http humans")).containsExactly("requests");
        assertThat(names("http hum")).containsExactly("requests");
        assertThat(names("http")).containsExactly("httpx", "requests");
        assertThat(names("client")).containsExactly("requests");
        assertThat(names("async")).containsExactly("httpx");
        assertThat(names("humans flask")).isEmpty();
        assertThat(names("alternative")).containsExactly("httpx");
    }

    @Test
    void accentsAndCaseFoldAlikeInTheTextAndInTheQuery() {
        publish("fromage", "1.0", "Caf\u00e9 cr\u00e8me et Gruy\u00e8re", "\u00c4pfel, Cr\u00eape");
        publish("plain", "1.0", "cafe and creme", null);

        assertThat(names("cafe")).containsExactlyInAnyOrder("fromage", "plain");
        assertThat(names("CAF\u00c9")).containsExactlyInAnyOrder("fromage", "plain");
        assertThat(names("gruyere")).containsExactly("fromage");
        assertThat(names("Gruy\u00e8re")).containsExactly("fromage");
        assertThat(names("apfel")).containsExactly("fromage");
        assertThat(names("crep")).as("a prefix").containsExactly("fromage");
        assertThat(names("cr\u00eap")).containsExactly("fromage");
        assertThat(names("cr\u00e8me caf")).containsExactlyInAnyOrder("fromage", "plain");
    }

    @Test
    void amongTextMatchesTheMoreRelevantComesFirst() {
        publish("alpha", "1", "a fast parser for big documents and many other things besides", null);
        publish("zeta", "1", "parser parser parser", null);

        assertThat(names("parser")).containsExactly("zeta", "alpha");
    }

    @Test
    void aHitCarriesTheNewestReleaseOutOfQuarantine() {
        publish("Demo_Pkg", "1.0", "First", null);
        Release second = publish("Demo_Pkg", "2.0", "Second", null);

        SearchPage page = search("demo", 1, 20);

        assertThat(page.total()).isEqualTo(1);
        assertThat(page.hits()).containsExactly(new SearchHit("Demo_Pkg", "demo-pkg", "2.0", "Second",
                T0.plus(Duration.ofMinutes(1)), second.created()));
        assertThat(names("first")).isEmpty();
        assertThat(names("second")).containsExactly("demo-pkg");
    }

    @Test
    void aProjectWithoutReleasesIsFoundByName() {
        store.write(tx -> {
            tx.projects().insert(ProjectName.of("Reserved.Name"), T0);
            SearchIndexing.refresh(tx, "reserved-name");
            return null;
        });

        assertThat(search("reserved", 1, 20).hits())
                .containsExactly(new SearchHit("Reserved.Name", "reserved-name", null, null, T0, null));
    }

    @Test
    void classifierFiltersMustAllMatch() {
        publish("web-one", "1", "web thing", null, WEB, PY3);
        publish("web-two", "1", "web thing", null, WEB, PY3, MIT);
        publish("other", "1", "web thing", null, PY3);

        assertThat(names("", WEB)).containsExactly("web-one", "web-two");
        assertThat(names("", WEB, MIT)).containsExactly("web-two");
        assertThat(names("", PY3)).containsExactly("other", "web-one", "web-two");
        assertThat(names("web", PY3)).containsExactly("web-one", "web-two", "other");
        assertThat(names("thing", WEB, WEB)).containsExactly("web-one", "web-two");
        assertThat(names("", "Nope :: Nothing")).isEmpty();
        assertThat(search("", 1, 20, WEB, MIT).total()).isEqualTo(1);
    }

    @Test
    void theClassifiersAreCountedMostCommonFirst() {
        publish("a", "1", null, null, WEB, PY3);
        publish("b", "1", null, null, PY3, MIT);
        publish("c", "1", null, null, PY3);

        assertThat(classifiers(10)).containsExactly(new ClassifierCount(PY3, 3),
                new ClassifierCount(WEB, 1), new ClassifierCount(MIT, 1));
        assertThat(classifiers(1)).containsExactly(new ClassifierCount(PY3, 3));
    }

    @Test
    void pagesCarryTheTotalAndFollowEachOther() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String name = "pkg-%02d".formatted(i);
            publish(name, "1", "the same words", null);
            all.add(name);
        }

        SearchPage first = search("", 1, 20);
        SearchPage third = search("", 3, 20);
        SearchPage fourth = search("", 4, 20);

        assertThat(first.total()).isEqualTo(45);
        assertThat(first.pageCount()).isEqualTo(3);
        assertThat(first.hits()).extracting(SearchHit::normalizedName).isEqualTo(all.subList(0, 20));
        assertThat(third.hits()).extracting(SearchHit::normalizedName).isEqualTo(all.subList(40, 45));
        assertThat(third.hasNext()).isFalse();
        assertThat(fourth.hits()).isEmpty();
        assertThat(fourth.total()).isEqualTo(45);
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            SearchPage words = search("same words", page, 20);
            assertThat(words.total()).isEqualTo(45);
            words.hits().forEach(hit -> paged.add(hit.normalizedName()));
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void quarantineTakesAProjectOutAndItsClearingPutsItBack() {
        seedRanking();
        quarantineProject("requests", true);

        assertThat(names("requests")).containsExactly("requests-oauth", "httpx");
        assertThat(names("humans")).isEmpty();
        assertThat(names("")).doesNotContain("requests");

        quarantineProject("requests", false);
        assertThat(names("requests")).containsExactly("requests", "requests-oauth", "httpx");
    }

    @Test
    void aReleaseInQuarantineGivesWayToTheNextNewest() {
        publish("demo", "1.0", "Older words", null, MIT);
        Release newer = publish("demo", "2.0", "Newer words", null, WEB);
        store.write(tx -> {
            tx.releases().setQuarantined(newer.id(), tick());
            SearchIndexing.refresh(tx, "demo");
            return null;
        });

        assertThat(search("demo", 1, 20).hits()).extracting(SearchHit::version).containsExactly("1.0");
        assertThat(names("newer")).isEmpty();
        assertThat(names("older")).containsExactly("demo");
        assertThat(names("", WEB)).isEmpty();
        assertThat(names("", MIT)).containsExactly("demo");
    }

    @Test
    void aRemovedReleaseOrProjectLeavesTheIndex() {
        publish("demo", "1.0", "Older words", null);
        Release newer = publish("demo", "2.0", "Newer words", null, WEB);
        publish("gone", "1.0", "Vanishing words", null, WEB);

        store.write(tx -> {
            tx.releases().delete(newer.id());
            SearchIndexing.refresh(tx, "demo");
            Project gone = tx.projects().find("gone").orElseThrow();
            SearchIndexing.remove(tx, gone);
            tx.projects().delete(gone.id());
            return null;
        });

        assertThat(names("words")).containsExactly("demo");
        assertThat(names("vanishing")).isEmpty();
        assertThat(names("", WEB)).isEmpty();
        assertThat(search("demo", 1, 20).hits()).extracting(SearchHit::version).containsExactly("1.0");
    }

    @Test
    void aProjectDeletedWithoutAWordToTheIndexTakesItsDocumentWithIt() {
        publish("gone", "1.0", "Vanishing words", null, WEB);

        store.write(tx -> {
            tx.projects().delete(tx.projects().find("gone").orElseThrow().id());
            return null;
        });

        assertThat(names("vanishing")).isEmpty();
        assertThat(names("gone")).isEmpty();
        assertThat(names("", WEB)).isEmpty();
    }

    @Test
    void hostileQueriesAreWordsNeverSyntax() {
        seedRanking();
        publish("near-field", "1", "Reads \"quoted\" AND (grouped) text: a*b & c | !d \\ e", null);
        List<String> hostile = new ArrayList<>(List.of("\"", "\"\"", "'", "''", "(", ")", "()", "AND", "OR", "NOT",
                "NEAR", "NEAR(", "NEAR(a b, 2)", "a AND", "OR b", "NOT NOT", "*", "**", "a*", "*a", "^a", "a:b",
                "summary:x", "normalized_name:req", "-a", "a -b", "+a", "&", "|", "!", "&|!", "a & b | !c", "a:*",
                "'a':*", "\\", "\\\\", "\\'", "%", "_", "%_", "{a}", "[a]", "<->", "a <-> b", "a <2> b", ";", "--",
                "/*", "' OR 1=1 --", "\"; DROP TABLE projects; --", "\u0000", "a\u0000b", "\u2028", "日本語",
                "Ünïcödé", "e\u0301", "\uD83D\uDE00", "\uD83D", "\uDE00x", "🐍 python", "\t\n\r", "   ", "~",
                "requests\u00a0oauth", "ﬁ", "İ", "ß"));
        hostile.add("a".repeat(10_000));
        hostile.add("a ".repeat(5_000));
        hostile.add("\"(".repeat(5_000));
        hostile.add("\uD83D".repeat(10_000));
        for (String text : hostile) {
            for (int page : new int[] {1, 500}) {
                assertThatCode(() -> search(text, page, 20)).as(text.length() > 40 ? text.substring(0, 40) : text)
                        .doesNotThrowAnyException();
                assertThatCode(() -> search(text, page, 20, WEB, text)).doesNotThrowAnyException();
            }
        }
        assertThat(names("NEAR(")).containsExactly("near-field");
        assertThat(names("\"quoted\" AND (grouped")).containsExactly("near-field");
        assertThat(names("' OR 1=1 --")).isEmpty();
        assertThat(names("*")).isEmpty();
    }

    @Test
    void theRebuildGivesTheDocumentsTheUseCasesWrite() {
        seedRanking();
        publish("demo", "1.0", "Older words", "kw-one", MIT);
        Release newer = publish("demo", "2.0", "Newer words", "kw-two", WEB, PY3);
        publish("hidden", "1.0", "Hidden words", null, WEB);
        store.write(tx -> {
            tx.releases().setQuarantined(newer.id(), tick());
            SearchIndexing.refresh(tx, "demo");
            tx.projects().setQuarantined(tx.projects().find("hidden").orElseThrow().id(), tick());
            SearchIndexing.refresh(tx, "hidden");
            tx.projects().insert(ProjectName.of("Reserved"), tick());
            SearchIndexing.refresh(tx, "reserved");
            return null;
        });
        List<Object> before = everything();

        store.write(tx -> {
            tx.search().rebuild();
            return null;
        });

        assertThat(everything()).isEqualTo(before);
        assertThat(names("")).containsExactly("demo", "flask", "httpx", "req", "requests", "requests-oauth",
                "reserved");
        assertThat(names("kw")).containsExactly("demo");
        assertThat(names("two")).isEmpty();
    }

    /** What the index answers to a set of searches, and its classifiers. */
    private List<Object> everything() {
        List<Object> all = new ArrayList<>();
        for (String text : List.of("", "requests", "req", "http", "client", "async", "words", "kw", "one", "two",
                "older", "hidden", "reserved")) {
            all.add(search(text, 1, 100));
        }
        all.add(search("", 1, 100, MIT));
        all.add(search("", 1, 100, WEB));
        all.add(store.read(tx -> tx.search().classifiers(100)));
        return all;
    }

    private List<ClassifierCount> classifiers(int limit) {
        return store.read(tx -> tx.search().classifiers(limit));
    }

    private void quarantineProject(String name, boolean quarantined) {
        store.write(tx -> {
            tx.projects().setQuarantined(tx.projects().find(name).orElseThrow().id(), quarantined ? tick() : null);
            SearchIndexing.refresh(tx, name);
            return null;
        });
    }
}
