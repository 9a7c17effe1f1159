package dev.cheeseshop.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.proxy.Upstream;
import dev.cheeseshop.proxy.Upstream.PageFetch;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Cheeseshop as the upstream (on the backend {@code -Dcheeseshop.backend} selects): its
 * pages read as PEP 691 JSON and, asked for HTML only, as PEP 503 HTML give the files it holds
 * with the hashes of the bytes seeded, its ETag revalidates, its index lists its projects, and its
 * files and METADATA download as they were stored. The server's clock stands still, so upload
 * times are known; hashes are computed here from the bytes.
 */
class CheeseshopUpstreamTest {
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123456Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SDIST = "sdist bytes of Foo.Bar 1.0";
    private static final String WHEEL = "wheel bytes of Foo.Bar 1.0";
    private static final String METADATA = "Metadata-Version: 2.1\nName: Foo.Bar\nVersion: 1.0\n";
    private static final String OLD = "sdist bytes of Foo.Bar 0.9";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(settings -> settings, new MutableClock(NOW));
        Seed seed = new Seed(server);
        seed.release("Foo.Bar", "0.9", null, Seed.sdist("foo_bar-0.9.tar.gz", OLD));
        seed.release("Foo.Bar", "1.0", ">=3.8", Seed.sdist("foo_bar-1.0.tar.gz", SDIST),
                Seed.wheel("foo_bar-1.0-py3-none-any.whl", WHEEL, METADATA));
        seed.yank("Foo.Bar", "0.9", "broken <build>");
        seed.release("Zope.Interface", "6.0", null, Seed.sdist("zope.interface-6.0.tar.gz", "zope"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theJsonPageGivesTheFilesWithHashesSizesTimesAndMetadata() throws Exception {
        HttpUpstream upstream = new HttpUpstream(server.url() + "/simple/", TIMEOUT);
        Http.Response raw = Http.get(server.uri("/simple/foo-bar/"), "Accept", "application/vnd.pypi.simple.v1+json");

        UpstreamPage page = fetched(upstream.page("foo-bar", Optional.empty()));

        assertThat(page.normalizedName()).isEqualTo("foo-bar");
        assertThat(page.displayName()).isEqualTo("foo-bar");
        assertThat(page.etag()).contains(raw.header("ETag"));
        assertThat(page.serial()).isEqualTo(OptionalLong.of(Long.parseLong(raw.header("X-PyPI-Last-Serial"))));
        assertThat(page.files()).extracting(UpstreamFile::filename)
                .containsExactly("foo_bar-0.9.tar.gz", "foo_bar-1.0-py3-none-any.whl", "foo_bar-1.0.tar.gz");
        UpstreamFile old = page.files().get(0);
        assertThat(old.sha256()).contains(sha256(OLD));
        assertThat(old.size()).isEqualTo(OptionalLong.of(OLD.length()));
        assertThat(old.uploadTime()).contains(NOW);
        assertThat(old.requiresPython()).isEmpty();
        assertThat(old.yanked()).contains("broken <build>");
        assertThat(old.metadataSha256()).isEmpty();
        UpstreamFile wheel = page.files().get(1);
        assertThat(wheel.sha256()).contains(sha256(WHEEL));
        assertThat(wheel.size()).isEqualTo(OptionalLong.of(WHEEL.length()));
        assertThat(wheel.uploadTime()).contains(NOW);
        assertThat(wheel.requiresPython()).contains(">=3.8");
        assertThat(wheel.yanked()).isEmpty();
        assertThat(wheel.metadataSha256()).contains(sha256(METADATA));
        assertThat(page.files().get(2).sha256()).contains(sha256(SDIST));
        assertFilesDownload(upstream, page);
    }

    @Test
    void theHtmlPageGivesTheSameFilesWithoutSizesOrTimes() throws Exception {
        HttpUpstream upstream = new HttpUpstream(server.url() + "/simple/", TIMEOUT, HttpUpstream.defaultUserAgent(),
                "text/html");
        Http.Response raw = Http.get(server.uri("/simple/foo-bar/"), "Accept", "text/html");
        assertThat(raw.header("Content-Type")).startsWith("text/html");

        UpstreamPage page = fetched(upstream.page("foo-bar", Optional.empty()));

        assertThat(page.displayName()).isEqualTo("foo-bar");
        assertThat(page.etag()).contains(raw.header("ETag"));
        assertThat(page.serial()).isEqualTo(OptionalLong.of(Long.parseLong(raw.header("X-PyPI-Last-Serial"))));
        assertThat(page.files()).extracting(UpstreamFile::filename)
                .containsExactly("foo_bar-0.9.tar.gz", "foo_bar-1.0-py3-none-any.whl", "foo_bar-1.0.tar.gz");
        assertThat(page.files()).extracting(UpstreamFile::sha256)
                .containsExactly(Optional.of(sha256(OLD)), Optional.of(sha256(WHEEL)), Optional.of(sha256(SDIST)));
        assertThat(page.files()).extracting(UpstreamFile::yanked)
                .containsExactly(Optional.of("broken <build>"), Optional.empty(), Optional.empty());
        assertThat(page.files()).extracting(UpstreamFile::requiresPython)
                .containsExactly(Optional.empty(), Optional.of(">=3.8"), Optional.of(">=3.8"));
        assertThat(page.files()).extracting(UpstreamFile::metadataSha256)
                .containsExactly(Optional.empty(), Optional.of(sha256(METADATA)), Optional.empty());
        assertThat(page.files()).allSatisfy(file -> {
            assertThat(file.size()).isEmpty();
            assertThat(file.uploadTime()).isEmpty();
        });
        assertFilesDownload(upstream, page);
    }

    @Test
    void theEtagRevalidatesAndAnUnknownProjectIsNotFound() throws Exception {
        for (String accept : List.of(HttpUpstream.ACCEPT, "text/html")) {
            HttpUpstream upstream = new HttpUpstream(server.url() + "/simple/", TIMEOUT, HttpUpstream.defaultUserAgent(),
                    accept);
            UpstreamPage page = fetched(upstream.page("foo-bar", Optional.empty()));

            assertThat(upstream.page("foo-bar", page.etag())).as(accept).isInstanceOf(PageFetch.NotModified.class);
            assertThat(fetched(upstream.page("foo-bar", Optional.of("\"stale\""))).files()).as(accept).hasSize(3);
            assertThat(upstream.page("no-such-project", Optional.empty())).as(accept).isInstanceOf(PageFetch.NotFound.class);
        }
    }

    @Test
    void theIndexListsEveryProjectInBothForms() throws Exception {
        for (String accept : List.of(HttpUpstream.ACCEPT, "text/html")) {
            HttpUpstream upstream = new HttpUpstream(server.url() + "/simple/", TIMEOUT, HttpUpstream.defaultUserAgent(),
                    accept);
            List<String> names = new ArrayList<>();
            upstream.index(names::add);
            assertThat(names).as(accept).containsExactly("foo-bar", "zope-interface");
        }
    }

    private static void assertFilesDownload(HttpUpstream upstream, UpstreamPage page) throws Exception {
        List<String> contents = List.of(OLD, WHEEL, SDIST);
        for (int i = 0; i < contents.size(); i++) {
            UpstreamFile file = page.files().get(i);
            assertThat(file.url().toString()).startsWith(server.url() + "/packages/").endsWith("/" + file.filename());
            assertThat(read(upstream, file.url())).isEqualTo(contents.get(i));
        }
        assertThat(read(upstream, page.files().get(1).metadataUrl())).isEqualTo(METADATA);
    }

    private static String read(HttpUpstream upstream, URI url) throws Exception {
        try (Upstream.Download download = upstream.open(url)) {
            byte[] bytes = download.body().readAllBytes();
            assertThat(download.length()).isEqualTo(OptionalLong.of(bytes.length));
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static UpstreamPage fetched(PageFetch fetch) {
        assertThat(fetch).isInstanceOf(PageFetch.Fetched.class);
        return ((PageFetch.Fetched) fetch).page();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
