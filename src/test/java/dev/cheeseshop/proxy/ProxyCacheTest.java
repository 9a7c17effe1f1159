package dev.cheeseshop.proxy;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.app.UpstreamSettings;
import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.testing.ApiCalls;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's cache and the names this index keeps for itself, against another Cheeseshop that
 * publishes the same names: a reserved name is never fetched (before or after the upstream's page
 * was cached); {@code --upstream-index merge} lists the upstream's projects after this index's,
 * leaving out what the policy denies and what a local project shadows; the administrator's purge
 * empties the cache of one project or of all, and nobody else may; {@code --upstream-cache-size}
 * evicts the least recently used upstream file and never a local one.
 */
class ProxyCacheTest {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";
    private static final String ROOT_PASSWORD = "root-password-333";
    private static final String ADMIN = Uploads.basic("root", ROOT_PASSWORD);
    private static final String OWNER = Uploads.basic(ALICE, ALICE_PASSWORD);

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final List<TestServer> servers = new ArrayList<>();
    private TestServer upstream;

    @BeforeEach
    void start() {
        upstream = started(TestServer.start(s -> s, Clock.systemUTC()));
        Seed seed = new Seed(upstream);
        seed.release("Foo.Bar", "1.0", null, Seed.sdist("foo_bar-1.0.tar.gz", "upstream foo-bar"));
        seed.release("evilpkg", "1.0", null, Seed.sdist("evilpkg-1.0.tar.gz", "evil"));
        for (String name : List.of("p-a", "p-b", "p-c")) {
            seed.release(name, "1.0", null, Seed.sdist(name.replace('-', '_') + "-1.0.tar.gz", content(name)));
        }
    }

    @AfterEach
    void stop() {
        for (TestServer server : servers) {
            server.close();
        }
    }

    @Test
    void aReservedNameIsNeverFetchedFromTheUpstream() throws Exception {
        TestServer proxy = proxy(s -> s);
        Http.Response reserved = ApiCalls.call(proxy, "POST", "/projects", ADMIN, "{\"name\": \"foo_bar\", \"owner\": \"alice\"}");
        assertThat(reserved.status()).as(reserved.text()).isEqualTo(201);

        Http.Response page = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("X-Cheeseshop-Upstream")).isNull();
        assertThat(json.readTree(page.body()).get("files")).isEmpty();
        assertThat(Http.get(proxy.uri("/packages/upstream/foo-bar/foo_bar-1.0.tar.gz")).status()).isEqualTo(404);
    }

    @Test
    void aNameReservedAfterTheUpstreamsPageWasCachedHidesItFromThenOn() throws Exception {
        TestServer proxy = proxy(s -> s);
        assertThat(Http.get(proxy.uri("/packages/upstream/foo-bar/foo_bar-1.0.tar.gz")).text()).isEqualTo("upstream foo-bar");

        assertThat(ApiCalls.call(proxy, "POST", "/projects", ADMIN, "{\"name\": \"Foo.Bar\", \"owner\": \"alice\"}").status())
                .isEqualTo(201);
        assertThat(json.readTree(Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON).body()).get("files")).isEmpty();
        assertThat(Http.get(proxy.uri("/packages/upstream/foo-bar/foo_bar-1.0.tar.gz")).status()).isEqualTo(404);
    }

    @Test
    void theMergedIndexListsTheUpstreamsProjectsAfterThisIndexsWithoutDeniedOrShadowedOnes() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.toml"), "deny = [\"evilpkg\"]\n");
        TestServer merged = proxy(u -> u.withIndex(UpstreamSettings.IndexMode.merge).withPolicy(java.util.Optional.of(policy)));
        new Seed(merged).release("P_A", "9.0", null, Seed.sdist("p_a-9.0.tar.gz", "local p-a"));
        new Seed(merged).release("local-one", "1.0", null, Seed.sdist("local_one-1.0.tar.gz", "local"));

        assertThat(names(merged)).containsExactly("local-one", "P_A", "foo-bar", "p-b", "p-c");
        String html = Http.get(merged.uri("/simple/"), "Accept", "text/html").text();
        assertThat(html).contains("<a href=\"/simple/foo-bar/\">foo-bar</a>").doesNotContain("evilpkg");

        TestServer local = proxy(s -> s);
        new Seed(local).release("local-one", "1.0", null, Seed.sdist("local_one-1.0.tar.gz", "local"));
        assertThat(names(local)).containsExactly("local-one");
    }

    @Test
    void anAdministratorPurgesOneProjectOrAllAndNobodyElseMay() throws Exception {
        TestServer proxy = proxy(s -> s);
        for (String name : List.of("foo-bar", "p-a", "p-b")) {
            String file = (name.equals("foo-bar") ? "foo_bar" : name.replace('-', '_')) + "-1.0.tar.gz";
            assertThat(Http.get(proxy.uri("/packages/upstream/" + name + "/" + file)).status()).isEqualTo(200);
        }

        Http.Response refused = ApiCalls.call(proxy, "DELETE", "/upstream/projects/foo-bar", OWNER, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("\"errors\"");
        assertThat(ApiCalls.call(proxy, "DELETE", "/upstream/projects", null, null).status()).isEqualTo(401);

        Http.Response one = ApiCalls.call(proxy, "DELETE", "/upstream/projects/Foo.Bar", ADMIN, null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text()).isEqualTo("{\"project\":\"foo-bar\",\"blobs_deleted\":1}");

        upstream.close(); // what was purged can only come from the upstream now, and it is gone
        Http.Response page = Http.get(proxy.uri("/simple/foo-bar/"), "Accept", JSON);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.text()).contains("unreachable");
        assertThat(Http.get(proxy.uri("/packages/upstream/p-a/p_a-1.0.tar.gz")).text()).isEqualTo(content("p-a"));

        Http.Response all = ApiCalls.call(proxy, "DELETE", "/upstream/projects", ADMIN, null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.text()).isEqualTo("{\"project\":null,\"blobs_deleted\":2}");
        assertThat(Http.get(proxy.uri("/simple/p-a/"), "Accept", JSON).status()).isEqualTo(404);
        assertThat(Http.get(proxy.uri("/packages/upstream/p-a/p_a-1.0.tar.gz")).status()).isNotEqualTo(200);
    }

    @Test
    void theCacheSizeEvictsTheLeastRecentlyUsedUpstreamFileAndNeverALocalOne() {
        // Three upstream files of 1,000 bytes, a bound of 2,500, and a local file larger than the bound.
        TestServer proxy = proxy(u -> u.withCacheSize(2_500));
        new Seed(proxy).release("local-big", "1.0", null, Seed.sdist("local_big-1.0.tar.gz", "L".repeat(5_000)));

        download(proxy, "p-a");
        clock.advance(Duration.ofMinutes(1));
        download(proxy, "p-b");
        clock.advance(Duration.ofMinutes(1));
        download(proxy, "p-a"); // from the store: p-a is now the most recently used
        clock.advance(Duration.ofMinutes(1));
        download(proxy, "p-c"); // 3,000 bytes kept: one must go, and it is p-b

        upstream.close();
        assertThat(Http.get(proxy.uri("/packages/upstream/p-a/p_a-1.0.tar.gz")).text()).isEqualTo(content("p-a"));
        assertThat(Http.get(proxy.uri("/packages/upstream/p-c/p_c-1.0.tar.gz")).text()).isEqualTo(content("p-c"));
        assertThat(Http.get(proxy.uri("/packages/upstream/p-b/p_b-1.0.tar.gz")).status()).isEqualTo(502);
        Http.Response local = Http.get(proxy.uri("/simple/local-big/"), "Accept", JSON);
        assertThat(local.status()).isEqualTo(200);
        String url = local.text().replaceAll("(?s).*\"url\":\"([^\"]+)\".*", "$1");
        assertThat(Http.get(proxy.uri("/simple/local-big/").resolve(url)).text()).isEqualTo("L".repeat(5_000));
    }

    private void download(TestServer proxy, String name) {
        Http.Response file = Http.get(proxy.uri("/packages/upstream/" + name + "/" + name.replace('-', '_') + "-1.0.tar.gz"));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.text()).isEqualTo(content(name));
    }

    private static String content(String name) {
        return (name + " ").repeat(1_000).substring(0, 1_000);
    }

    private TestServer proxy(UnaryOperator<UpstreamSettings> upstreamSettings) {
        UpstreamSettings settings = upstreamSettings.apply(UpstreamSettings.of(URI.create(upstream.url() + "/simple/")));
        TestServer proxy = started(TestServer.start(s -> s.withUpstream(java.util.Optional.of(settings)), clock));
        try {
            proxy.app().accounts().create("root", null, ROOT_PASSWORD, true);
        } catch (UserProblem e) {
            throw new IllegalStateException(e);
        }
        return proxy;
    }

    private TestServer started(TestServer server) {
        servers.add(server);
        return server;
    }

    private List<String> names(TestServer server) throws IOException {
        JsonNode index = json.readTree(Http.get(server.uri("/simple/"), "Accept", JSON).body());
        List<String> names = new ArrayList<>();
        index.get("projects").forEach(project -> names.add(project.get("name").asText()));
        return names;
    }
}
