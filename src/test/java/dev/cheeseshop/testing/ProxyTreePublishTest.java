package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree published to a Cheeseshop, the upstream of the proxy tests' "two Cheeseshops", proved
 * without the proxy: twine uploads every file, the server lists each with the sha256 Python
 * computed, and pip installs the whole tree from it with {@code --require-hashes} and refuses a
 * wrong hash. Runs on the selected backend ({@code -Dcheeseshop.backend}).
 */
class ProxyTreePublishTest {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static ProxyTree tree;
    private static TestServer server;

    @BeforeAll
    static void publish() {
        tree = ProxyTree.build(shared.resolve("tree"));
        server = TestServer.start();
        tree.publish(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyFileIsListedWithTheHashPythonComputed() throws IOException {
        for (ProxyTree.Dist file : tree.files()) {
            Http.Response page = Http.get(server.uri("/simple/" + file.project() + "/"));
            assertThat(page.status()).as(file.filename()).isEqualTo(200);
            String expected = ProxyTreeTest.sha256(Files.readAllBytes(tree.path(file)));
            assertThat(page.text()).as(file.filename()).containsPattern(
                    "href=\"[^\"#]*/" + file.filename().replace(".", "\\.") + "#sha256=" + expected + "\"");
        }
        assertThat(Http.get(server.uri("/simple/")).text()).contains("href=\"/simple/app/\"",
                "href=\"/simple/lib-a/\"", "href=\"/simple/lib-b/\"", "href=\"/simple/lib-c/\"",
                "href=\"/simple/lib-d/\"");
    }

    @Test
    void pipInstallsTheWholeTreeWithRequiredHashes() {
        Path target = tmp.resolve("site");

        Processes.Result pip = ProxyTree.pipInstall(server.url() + "/simple/", tree.requirements(), target);

        assertThat(pip.exitCode()).as(pip.describe()).isZero();
        Map<String, String> pinned = Map.of("app", "1.0", "lib-a", "1.0", "lib-b", "1.0", "lib-c", "1.0",
                "lib-d", "1.0");
        assertThat(ProxyTree.installed(target)).as(pip.describe()).isEqualTo(pinned);
        assertThat(ProxyTree.importedVersions(target)).isEqualTo(pinned);
    }

    @Test
    void pipRefusesAFileWhoseHashIsNotTheOneRequired() throws IOException {
        String good = ProxyTreeTest.sha256(Files.readAllBytes(tree.dist().resolve("app-1.0-py3-none-any.whl")));
        String wrong = (good.charAt(0) == 'f' ? "e" : "f") + good.substring(1);
        Path requirements = tmp.resolve("wrong.txt");
        Files.writeString(requirements, Files.readString(tree.requirements()).replace(good, wrong));

        Processes.Result pip = ProxyTree.pipInstall(server.url() + "/simple/", requirements, tmp.resolve("site"));

        assertThat(pip.exitCode()).as(pip.describe()).isNotZero();
        assertThat(pip.output()).as(pip.describe()).contains("THESE PACKAGES DO NOT MATCH THE HASHES",
                "Expected sha256 " + wrong, "Got        " + good);
        assertThat(tmp.resolve("site/app")).doesNotExist();
    }

    @Test
    void unpinnedPipTakesTheNewestVersions() {
        Path target = tmp.resolve("site");

        Processes.Result pip = PythonClients.pip("install", "--target", target.toString(), "--index-url",
                server.url() + "/simple/", "app").run();

        assertThat(pip.exitCode()).as(pip.describe()).isZero();
        assertThat(ProxyTree.installed(target)).isEqualTo(Map.of(
                "app", "1.0", "lib-a", "1.1", "lib-b", "2.0", "lib-c", "1.0", "lib-d", "1.0"));
    }
}
