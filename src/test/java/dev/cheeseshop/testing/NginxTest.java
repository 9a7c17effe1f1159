package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static PEP 503 tree served by Debian's nginx, the upstream the proxy tests use for "a static
 * tree of HTML files", proved without the proxy: nginx answers as a static host does (HTML whatever
 * the Accept, no listing of a directory, the types Cheeseshop sends), and pip installs the whole
 * tree from it with {@code --require-hashes}, taking each wheel's dependencies from its PEP 658
 * file, and refuses a file whose hash is not the one required. Expected hashes are the JDK's
 * SHA-256 of the files; the installed versions are written out by hand.
 */
class NginxTest {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static ProxyTree tree;
    private static Path root;
    private static Nginx nginx;

    @BeforeAll
    static void serve() {
        tree = ProxyTree.build(shared.resolve("tree"));
        root = tree.writeStaticTree(shared.resolve("www"));
        nginx = Nginx.serve(root);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static final Map<String, String> PINNED = Map.of(
            "app", "1.0", "lib-a", "1.0", "lib-b", "1.0", "lib-c", "1.0", "lib-d", "1.0");

    @Test
    void pipInstallsTheWholeTreeWithRequiredHashesFromTheStaticTree() {
        Path target = tmp.resolve("site");
        int before = nginx.requests().size();

        Processes.Result pip = ProxyTree.pipInstall(nginx.url() + "/simple/", tree.requirements(), target);

        assertThat(pip.exitCode()).as(pip.describe()).isZero();
        assertThat(ProxyTree.installed(target)).as(pip.describe()).isEqualTo(PINNED);
        assertThat(ProxyTree.importedVersions(target)).isEqualTo(PINNED);
        assertThat(nginx.requests().subList(before, nginx.requests().size()))
                .as("the wheels, each once, through the relative links")
                .containsOnlyOnce("GET /files/app-1.0-py3-none-any.whl 200",
                        "GET /files/lib_a-1.0-py3-none-any.whl 200",
                        "GET /files/lib_b-1.0-py3-none-any.whl 200", "GET /files/lib_c-1.0-py3-none-any.whl 200",
                        "GET /files/lib_d-1.0-py3-none-any.whl 200");
    }

    @Test
    void pipRefusesAFileWhoseHashIsNotTheOneRequired() throws IOException {
        String good = ProxyTreeTest.sha256(Files.readAllBytes(tree.dist().resolve("lib_d-1.0-py3-none-any.whl")));
        String wrong = (good.charAt(0) == '0' ? "1" : "0") + good.substring(1);
        Path requirements = tmp.resolve("wrong.txt");
        Files.writeString(requirements, Files.readString(tree.requirements()).replace(good, wrong));

        Processes.Result pip = ProxyTree.pipInstall(nginx.url() + "/simple/", requirements, tmp.resolve("site"));

        assertThat(pip.exitCode()).as(pip.describe()).isNotZero();
        assertThat(pip.output()).as(pip.describe()).contains("THESE PACKAGES DO NOT MATCH THE HASHES",
                "Expected sha256 " + wrong, "Got        " + good);
    }

    @Test
    void unpinnedPipTakesTheNewestReadingDependenciesFromPep658FilesAndLeavesAYankedFileAlone() throws IOException {
        Path www = shared.resolve("www-yanked");
        tree.writeStaticTree(www, Map.of("lib_a-1.1-py3-none-any.whl", "broken"));
        Path newest = tmp.resolve("newest");
        Path yanked = tmp.resolve("yanked");

        int before = nginx.requests().size();
        Processes.Result fromTree = PythonClients.pip("install", "--target", newest.toString(), "--index-url",
                nginx.url() + "/simple/", "app").run();
        Processes.Result fromYanked;
        try (Nginx other = Nginx.serve(www)) {
            fromYanked = PythonClients.pip("install", "--target", yanked.toString(), "--index-url",
                    other.url() + "/simple/", "app").run();
        }

        assertThat(fromTree.exitCode()).as(fromTree.describe()).isZero();
        assertThat(ProxyTree.installed(newest)).isEqualTo(Map.of(
                "app", "1.0", "lib-a", "1.1", "lib-b", "2.0", "lib-c", "1.0", "lib-d", "1.0"));
        assertThat(nginx.requests().subList(before, nginx.requests().size()))
                .as("pip took the dependencies from the PEP 658 files, checked against data-core-metadata")
                .contains("GET /files/app-1.0-py3-none-any.whl.metadata 200",
                        "GET /files/lib_b-2.0-py3-none-any.whl.metadata 200");
        assertThat(fromTree.output()).containsPattern("Obtaining dependency information for lib-b from "
                + "http://127\\.0\\.0\\.1:\\d+/files/lib_b-2\\.0-py3-none-any\\.whl\\.metadata");
        assertThat(fromYanked.exitCode()).as(fromYanked.describe()).isZero();
        assertThat(ProxyTree.installed(yanked)).isEqualTo(Map.of(
                "app", "1.0", "lib-a", "1.0", "lib-b", "2.0", "lib-c", "1.0", "lib-d", "1.0"));
    }

    @Test
    void pagesAreHtmlWhateverTheAcceptAndFilesHaveCheeseshopsTypes() throws IOException {
        Http.Response json = Http.get(nginx.uri("/simple/lib-a/"), "Accept", "application/vnd.pypi.simple.v1+json");
        Http.Response index = Http.get(nginx.uri("/simple/"));
        Http.Response wheel = Http.get(nginx.uri("/files/lib_a-1.0-py3-none-any.whl"));
        Http.Response metadata = Http.get(nginx.uri("/files/lib_a-1.0-py3-none-any.whl.metadata"));
        Http.Response sdist = Http.get(nginx.uri("/files/lib_c-1.0.tar.gz"));

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(json.body()).isEqualTo(Files.readAllBytes(root.resolve("simple/lib-a/index.html")));
        assertThat(json.header("ETag")).as("nginx's own validator").isNotNull();
        assertThat(json.header("X-PyPI-Last-Serial")).isNull();
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.text()).contains("<a href=\"lib-c/\">lib-c</a>");
        assertThat(wheel.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(wheel.body()).isEqualTo(Files.readAllBytes(tree.dist().resolve("lib_a-1.0-py3-none-any.whl")));
        assertThat(metadata.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(metadata.text()).startsWith("Metadata-Version: 2.1\nName: lib-a\nVersion: 1.0\n");
        assertThat(sdist.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(sdist.body()).isEqualTo(Files.readAllBytes(tree.dist().resolve("lib_c-1.0.tar.gz")));
    }

    @Test
    void aDirectoryIsNeverListedAndAMissingProjectIs404() {
        assertThat(Http.get(nginx.uri("/files/")).status()).isEqualTo(403);
        assertThat(Http.get(nginx.uri("/")).status()).isEqualTo(403);
        assertThat(Http.get(nginx.uri("/simple/no-such-project/")).status()).isEqualTo(404);
        Http.Response noSlash = Http.get(nginx.uri("/simple/lib-a"));
        assertThat(noSlash.status()).isEqualTo(301);
        assertThat(noSlash.header("Location")).isEqualTo(nginx.url() + "/simple/lib-a/");
    }

    @Test
    void theAccessLogCountsEachRequest() {
        int before = nginx.requests().size();

        Http.get(nginx.uri("/simple/lib-d/"));
        Http.get(nginx.uri("/simple/nope/?q=1"));

        assertThat(nginx.requests()).hasSize(before + 2)
                .endsWith("GET /simple/lib-d/ 200", "GET /simple/nope/?q=1 404");
    }

    @Test
    void withoutNginxTheTestFailsSayingHowToInstallIt() {
        assertThatThrownBy(() -> Nginx.executable(tmp.resolve("sbin/nginx"), "no-such-nginx-" + tmp.getFileName()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("nginx is not installed").hasMessageContaining("apt-get install nginx-light");
    }

    @Test
    void closingStopsItAndFreesItsPort() throws IOException {
        Path www = Files.createDirectories(tmp.resolve("one-file"));
        Files.writeString(www.resolve("index.html"), "hello\n");
        Nginx own = Nginx.serve(www);
        assertThat(Http.get(own.uri("/")).text()).isEqualTo("hello\n");

        own.close();

        assertThatThrownBy(() -> Http.get(own.uri("/"))).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
    }
}
