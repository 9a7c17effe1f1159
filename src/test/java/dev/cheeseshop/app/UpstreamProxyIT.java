package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Nginx;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.ProxyTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a proxy: {@code serve} takes the upstream from {@code CHEESESHOP_UPSTREAM}
 * (a static PEP 503 tree on nginx here) and its policy file from {@code --upstream-policy}; a page
 * and a file come through it; {@code cheeseshop upstream purge} beside the running server forgets
 * what it kept; a policy file that cannot be read stops {@code serve} with one error line.
 */
class UpstreamProxyIT {
    @TempDir
    Path tmp;

    @Test
    void serveProxiesTheUpstreamFromTheEnvironmentAndPurgeForgetsWhatItKept() throws Exception {
        ProxyTree tree = ProxyTree.build(tmp.resolve("tree"));
        Path data = tmp.resolve("data");
        Path policy = Files.writeString(tmp.resolve("policy.toml"), "deny = [\"lib-d\"]\n");
        ProxyTree.Dist wheel = tree.files("lib-a", "1.0").get(0);
        try (Nginx nginx = Nginx.serve(tree.writeStaticTree(tmp.resolve("static")));
                ServedJar server = ServedJar.start(Processes.cheeseshop("serve", "--data", data.toString(), "--port", "0",
                        "--upstream-policy", policy.toString()).env("CHEESESHOP_UPSTREAM", nginx.url() + "/simple/"))) {
            Http.Response page = Http.get(server.uri("/simple/lib-a/"), "Accept", "text/html");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("X-Cheeseshop-Upstream")).isEqualTo("fresh");
            assertThat(page.text()).contains("href=\"../../packages/upstream/lib-a/" + wheel.filename() + "#sha256="
                    + wheel.sha256() + "\"");
            Http.Response file = Http.get(server.uri("/packages/upstream/lib-a/" + wheel.filename()));
            assertThat(file.status()).isEqualTo(200);
            assertThat(dev.cheeseshop.testing.Seed.sha256(file.body())).isEqualTo(wheel.sha256());
            Http.Response denied = Http.get(server.uri("/simple/lib-d/"));
            assertThat(denied.status()).isEqualTo(404);
            assertThat(denied.header("X-Cheeseshop-Policy")).isEqualTo("denied: deny lib-d");

            Processes.Result purged = Processes.cheeseshop("upstream", "purge", "--all", "--data", data.toString()).run();
            assertThat(purged.exitCode()).as(purged.describe()).isZero();
            assertThat(purged.stdout()).isEqualTo("purged the upstream cache of every project: 1 kept files deleted\n");
            Processes.Result again = Processes.cheeseshop("upstream", "purge", "Lib_A", "--data", data.toString()).run();
            assertThat(again.stdout()).isEqualTo("purged the upstream cache of lib-a: 0 kept files deleted\n");
            int before = nginx.requests().size();
            assertThat(Http.get(server.uri("/simple/lib-a/")).status()).isEqualTo(200);
            assertThat(nginx.requests().subList(before, nginx.requests().size()))
                    .as("the purged page is fetched again").anyMatch(line -> line.startsWith("GET /simple/lib-a/ "));
        }
    }

    @Test
    void aPolicyFileThatCannotBeReadStopsServeWithOneErrorLine() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.toml"), "deny = [\"requests<<2\"]\n");
        Processes.Result result = Processes.cheeseshop("serve", "--data", tmp.resolve("data").toString(), "--port", "0",
                "--upstream", "http://127.0.0.1:9/simple/", "--upstream-policy", policy.toString()).run();
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().strip()).as(result.describe()).startsWith("error: " + policy).contains("requests<<2")
                .doesNotContain("\n", "Exception");
    }
}
