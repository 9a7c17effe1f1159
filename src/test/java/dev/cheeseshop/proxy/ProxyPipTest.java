package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.app.UpstreamSettings;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Nginx;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.ProxyTree;
import dev.cheeseshop.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pip installs a tree of five projects through the proxy with every hash checked
 * ({@code --require-hashes}), then again from the cache alone once the upstream is gone and the
 * TTL has passed: from another Cheeseshop, and from a static PEP 503 tree on nginx (HTML only, no
 * JSON, no serials, no ETag of ours).
 */
class ProxyPipTest {
    private static final Map<String, String> PINNED = Map.of("app", "1.0", "lib-a", "1.0", "lib-b", "1.0", "lib-c",
            "1.0", "lib-d", "1.0");

    @TempDir
    Path tmp;

    @Test
    void pipInstallsTheTreeThroughTheProxyFromAnotherCheeseshopThenFromTheCacheAlone() {
        ProxyTree tree = ProxyTree.build(tmp.resolve("tree"));
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        TestServer upstream = TestServer.start(s -> s, Clock.systemUTC());
        try {
            tree.publish(upstream);
            try (TestServer proxy = proxyOf(upstream.url() + "/simple/", clock)) {
                installTwice(tree, proxy, clock, upstream::close);
            }
        } finally {
            upstream.close();
        }
    }

    @Test
    void pipInstallsTheTreeThroughTheProxyFromAStaticTreeOnNginxThenFromTheCacheAlone() {
        ProxyTree tree = ProxyTree.build(tmp.resolve("tree"));
        Path root = tree.writeStaticTree(tmp.resolve("static"));
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        Nginx nginx = Nginx.serve(root);
        List<String> reached = new ArrayList<>();
        try (TestServer proxy = proxyOf(nginx.url() + "/simple/", clock)) {
            installTwice(tree, proxy, clock, () -> {
                reached.addAll(nginx.requests());
                nginx.close();
            });
        } finally {
            nginx.close();
        }
        // One request per page and per file reached the upstream, whatever pip asked of the proxy.
        for (String project : ProxyTree.PROJECTS) {
            assertThat(reached).as("requests for %s's page", project)
                    .filteredOn(line -> line.startsWith("GET /simple/" + project + "/ ")).hasSize(1);
        }
        assertThat(reached).filteredOn(line -> line.startsWith("GET /files/") && !line.contains(".metadata"))
                .hasSize(ProxyTree.PROJECTS.size()) // one distribution per project, each fetched once
                .doesNotHaveDuplicates();
    }

    private void installTwice(ProxyTree tree, TestServer proxy, MutableClock clock, Runnable stopUpstream) {
        Path first = tmp.resolve("first");
        Processes.Result warm = ProxyTree.pipInstall(proxy.url() + "/simple/", tree.requirements(), first);
        assertThat(warm.exitCode()).as(warm.describe()).isZero();
        assertThat(ProxyTree.installed(first)).isEqualTo(PINNED);

        stopUpstream.run();
        clock.advance(Duration.ofHours(1)); // every cached page is past its TTL: the upstream is asked, and fails
        Path second = tmp.resolve("second");
        Processes.Result cached = ProxyTree.pipInstall(proxy.url() + "/simple/", tree.requirements(), second);
        assertThat(cached.exitCode()).as(cached.describe()).isZero();
        assertThat(ProxyTree.installed(second)).isEqualTo(PINNED);
    }

    private static TestServer proxyOf(String root, Clock clock) {
        return TestServer.start(s -> s.withUpstream(Optional.of(UpstreamSettings.of(URI.create(root)))), clock);
    }
}
