package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.HtmlChecks;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.index.SearchIndexing;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /search/}: the exact name first, then names that start with the words, then full-text
 * matches; classifier filters; pages of twenty with links that keep the search; hostile words
 * answered like any others.
 */
class SearchPageTest {
    static TestServer server;

    @BeforeAll
    static void seed() {
        server = TestServer.start();
        Seed seed = new Seed(server);
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        seed.release("httpx", "1.0", Map.of("summary", "A next-generation client, a requests alternative",
                "classifiers", "Framework :: AsyncIO"), at);
        seed.release("requests-oauth", "0.4", Map.of("summary", "OAuth for requests"), at);
        seed.release("requests", "2.32", Map.of("summary", "HTTP for humans", "keywords", "http, client"), at);
        seed.release("cheese", "1.0", Map.of("summary", "Nothing to do with it"), at);
        for (int i = 0; i < 25; i++) {
            seed.release(String.format("many-%02d", i), "1.0", Map.of("summary", "one of many"), at);
        }
        // Seed writes rows as a test fixture, beside the use cases: index them as they would have.
        server.app().store().write(tx -> {
            for (String name : new String[] {"httpx", "requests-oauth", "requests", "cheese"}) {
                SearchIndexing.refresh(tx, name);
            }
            for (int i = 0; i < 25; i++) {
                SearchIndexing.refresh(tx, String.format("many-%02d", i));
            }
            return null;
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theExactNameComesFirstThenPrefixesThenTheFullText() {
        Document doc = HtmlChecks.valid(Http.get(server.uri("/search/?q=requests")).text());
        assertThat(doc.select("ul.packages a.name").eachText()).containsExactly("requests", "requests-oauth", "httpx");
        assertThat(doc.selectFirst("h2#results").text()).isEqualTo("3 projects");
        assertThat(doc.selectFirst("#search-q").attr("value")).isEqualTo("requests");
        assertThat(doc.selectFirst("#site-search").attr("value")).isEqualTo("requests");
        assertThat(doc.selectFirst("ul.packages a.name").attr("href")).isEqualTo("/project/requests/");
    }

    @Test
    void keywordsAndSummariesAreSearchedAndClassifiersNarrow() {
        assertThat(HtmlChecks.valid(Http.get(server.uri("/search/?q=humans")).text())
                .select("ul.packages a.name").eachText()).containsExactly("requests");
        Document filtered = HtmlChecks.valid(Http.get(server.uri("/search/?q=requests&c=Framework+%3A%3A+AsyncIO"))
                .text());
        assertThat(filtered.select("ul.packages a.name").eachText()).containsExactly("httpx");
        assertThat(filtered.select("input[name=c][checked]").eachAttr("value")).containsExactly("Framework :: AsyncIO");
    }

    @Test
    void resultsComeTwentyToAPageWithLinksThatKeepTheSearch() {
        Document first = HtmlChecks.valid(Http.get(server.uri("/search/?q=many")).text());
        assertThat(first.select("ul.packages li")).hasSize(20);
        assertThat(first.selectFirst("h2#results").text()).isEqualTo("25 projects");
        String next = first.selectFirst("a[rel=next]").attr("href");
        assertThat(next).isEqualTo("/search/?q=many&page=2");
        Document second = HtmlChecks.valid(Http.get(server.uri(next)).text());
        assertThat(second.select("ul.packages li")).hasSize(5);
        assertThat(second.select("a[rel=next]")).isEmpty();
        assertThat(second.selectFirst("a[rel=prev]").attr("href")).isEqualTo("/search/?q=many&page=1");
    }

    @Test
    void hostileOrOddQueriesAreAnsweredAsWords() {
        for (String q : new String[] {"%22%3Cscript%3E", "NEAR%28a+b%29", "*", "a%27%3B+DROP+TABLE+projects%3B--",
                "%E2%80%AE", "x".repeat(5000)}) {
            Http.Response response = Http.get(server.uri("/search/?q=" + q + "&page=-3"));
            assertThat(response.status()).as(q).isEqualTo(200);
            HtmlChecks.valid(response.text());
        }
        assertThat(Http.get(server.uri("/search/?q=%3Cscript%3E")).text()).doesNotContain("<script>");
        Document empty = HtmlChecks.valid(Http.get(server.uri("/search/")).text());
        assertThat(empty.select("h2#results")).isEmpty();
    }
}
