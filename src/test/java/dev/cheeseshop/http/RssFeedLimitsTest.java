package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Which items the feeds hold and in what order: newest first, 100 / 40 / 40 at most; and links
 * under the address served when no public URL is configured.
 *
 * <p>The data: projects p00..p44 with one release each, a minute apart; then "big" with 60
 * releases, a minute apart; then "lonely", newest of all but without a release. 105 releases.
 */
class RssFeedLimitsTest {
    private static final Instant T0 = Instant.parse("2025-05-05T05:05:05Z");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Seed seed = new Seed(server);
        for (int i = 0; i < 45; i++) {
            seed.release(String.format("p%02d", i), "1." + i, Map.of(), T0.plus(Duration.ofMinutes(i)));
        }
        for (int j = 0; j < 60; j++) {
            seed.release("big", "2." + j, Map.of(), T0.plus(Duration.ofMinutes(100 + j)));
        }
        seed.project("lonely", T0.plus(Duration.ofDays(1)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void updatesAreTheNewestHundredReleasesNewestFirst() throws Exception {
        List<String> expected = new ArrayList<>();
        IntStream.iterate(59, j -> j >= 0, j -> j - 1).forEach(j -> expected.add("big 2." + j));
        IntStream.iterate(44, i -> i >= 5, i -> i - 1).forEach(i -> expected.add(String.format("p%02d 1.%d", i, i)));

        assertThat(itemTitles("/rss/updates.xml")).hasSize(100).containsExactlyElementsOf(expected);
    }

    @Test
    void packagesAreTheNewestFortyProjectsThatHaveAReleaseNewestFirst() throws Exception {
        List<String> expected = new ArrayList<>(List.of("big added to PyPI"));
        IntStream.iterate(44, i -> i >= 6, i -> i - 1).forEach(i -> expected.add(String.format("p%02d added to PyPI", i)));

        assertThat(itemTitles("/rss/packages.xml")).hasSize(40).containsExactlyElementsOf(expected);
    }

    @Test
    void aProjectFeedIsItsNewestFortyReleasesNewestFirst() throws Exception {
        List<String> expected = IntStream.iterate(59, j -> j >= 20, j -> j - 1).mapToObj(j -> "2." + j).toList();

        assertThat(itemTitles("/rss/project/big/releases.xml")).hasSize(40).containsExactlyElementsOf(expected);
    }

    @Test
    void withoutAPublicUrlLinksAreAbsoluteUnderTheAddressServed() throws Exception {
        String root = server.url() + "/";
        assertThat(root).matches("http://127\\.0\\.0\\.1:\\d+/").doesNotEndWith(":0/");
        Document updates = RssFeedsTest.parse(Http.get(server.uri("/rss/updates.xml")).body());
        List<String> links = RssFeedsTest.texts(updates.getElementsByTagName("link"));
        assertThat(links.get(0)).isEqualTo(root);
        assertThat(links.get(1)).isEqualTo(root + "project/big/2.59/");
        Document project = RssFeedsTest.parse(Http.get(server.uri("/rss/project/big/releases.xml")).body());
        assertThat(RssFeedsTest.texts(project.getElementsByTagName("link")).get(0)).isEqualTo(root + "project/big/");
    }

    private static List<String> itemTitles(String path) throws Exception {
        Http.Response response = Http.get(server.uri(path));
        assertThat(response.status()).isEqualTo(200);
        Document doc = RssFeedsTest.parse(response.body());
        List<String> titles = RssFeedsTest.texts(doc.getElementsByTagName("title"));
        return titles.subList(1, titles.size());
    }
}
