package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Project pages come from the render cache until their project changes; the cache keeps its bound. */
class RenderCacheTest {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";

    @Test
    void aPageIsRenderedOnceAndServedFromMemoryUntilTheProjectChanges() {
        try (TestServer server = TestServer.start()) {
            Seed seed = new Seed(server);
            seed.release("hot", "1.0", null, Seed.sdist("hot-1.0.tar.gz", "one"));
            DocumentCache cache = server.app().renderCache();

            Http.Response first = Http.get(server.uri("/simple/hot/"));
            DocumentCache.Stats afterFirst = cache.stats();
            assertThat(afterFirst.entries()).isEqualTo(1);
            Http.Response second = Http.get(server.uri("/simple/hot/"));
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(cache.stats().hits()).isEqualTo(afterFirst.hits() + 1);
            assertThat(cache.stats().misses()).isEqualTo(afterFirst.misses());

            Http.Response json = Http.get(server.uri("/simple/hot/"), "Accept", JSON);
            assertThat(cache.stats().entries()).isEqualTo(2);
            assertThat(json.text()).startsWith("{");

            seed.release("hot", "2.0", null, Seed.sdist("hot-2.0.tar.gz", "two"));
            long missesBefore = cache.stats().misses();
            Http.Response changed = Http.get(server.uri("/simple/hot/"));
            assertThat(changed.text()).contains("hot-2.0.tar.gz");
            assertThat(changed.header("X-PyPI-Last-Serial")).isNotEqualTo(first.header("X-PyPI-Last-Serial"));
            assertThat(cache.stats().misses()).isEqualTo(missesBefore + 1);
            assertThat(Http.get(server.uri("/simple/hot/"), "Accept", JSON).text()).contains("hot-2.0.tar.gz");
            assertThat(cache.stats().entries()).isEqualTo(2);
        }
    }

    @Test
    void jsonApiDocumentsAreCachedAndRefreshedWhenTheProjectChanges() {
        try (TestServer server = TestServer.start()) {
            Seed seed = new Seed(server);
            seed.release("doc", "1.0", null, Seed.sdist("doc-1.0.tar.gz", "one"));
            DocumentCache cache = server.app().renderCache();

            Http.Response first = Http.get(server.uri("/pypi/doc/json"));
            long hits = cache.stats().hits();
            Http.Response again = Http.get(server.uri("/pypi/doc/json"));
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
            assertThat(cache.stats().hits()).isEqualTo(hits + 1);

            seed.release("doc", "2.0", null, Seed.sdist("doc-2.0.tar.gz", "two"));
            Http.Response changed = Http.get(server.uri("/pypi/doc/json"));
            assertThat(changed.text()).contains("doc-2.0.tar.gz");
            assertThat(changed.header("ETag")).isNotEqualTo(first.header("ETag"));
            assertThat(changed.header("X-PyPI-Last-Serial")).isNotEqualTo(first.header("X-PyPI-Last-Serial"));
        }
    }

    @Test
    void aChangeCommittedByAnotherProcessIsSeenOnceTheJournalIsPolled() {
        try (TestServer server = TestServer.start()) {
            new Seed(server).release("shared", "1.0", null, Seed.sdist("shared-1.0.tar.gz", "one"));
            assertThat(Http.get(server.uri("/simple/shared/")).text()).doesNotContain("shared-2.0.tar.gz");
            try (MetadataStore other = server.storage().openStore(1)) {
                new Seed(server, other).release("shared", "2.0", null, Seed.sdist("shared-2.0.tar.gz", "two"));
            }
            server.app().journalWatch().poll(server.app().store()); // the server does this every 500 ms
            Http.Response page = Http.get(server.uri("/simple/shared/"));
            assertThat(page.text()).contains("shared-2.0.tar.gz");
            assertThat(page.header("X-PyPI-Last-Serial")).isEqualTo(Long.toString(
                    server.app().store().read(tx -> tx.journal().last()).orElseThrow().value()));
        }
    }

    @Test
    void aYankIsSeenAtOnce() {
        try (TestServer server = TestServer.start()) {
            Seed seed = new Seed(server);
            seed.release("yanky", "1.0", null, Seed.sdist("yanky-1.0.tar.gz", "one"));
            assertThat(Http.get(server.uri("/simple/yanky/")).text()).doesNotContain("data-yanked");
            seed.yank("yanky", "1.0", "oops");
            assertThat(Http.get(server.uri("/simple/yanky/")).text()).contains("data-yanked=\"oops\"");
        }
    }

    @Test
    void manyPagesKeepTheCacheWithinItsBoundAndEveryPageStaysRight() {
        long bound = 8 * 1024;
        try (TestServer server = TestServer.withCacheSize(bound)) {
            Seed seed = new Seed(server);
            for (int i = 0; i < 30; i++) {
                seed.release("many-" + i, "1.0", ">=3.8", Seed.sdist("many_" + i + "-1.0.tar.gz", "content " + i));
            }
            DocumentCache cache = server.app().renderCache();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 30; i++) {
                    Http.Response page = Http.get(server.uri("/simple/many-" + i + "/"));
                    assertThat(page.status()).isEqualTo(200);
                    assertThat(page.text()).contains("many_" + i + "-1.0.tar.gz");
                    assertThat(cache.stats().bytes()).isLessThanOrEqualTo(bound);
                }
            }
            assertThat(cache.stats().evictions()).isPositive();
            assertThat(cache.stats().entries()).isLessThan(30);
        }
    }
}
