package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy tests' fixtures on their own, without any server: build_tree.py writes the same bytes
 * every run, real wheels whose RECORD holds, an sdist with its PKG-INFO, hashes that are the files'
 * (checked here with the JDK's SHA-256, not Python's); static_tree.py writes PEP 503 pages whose
 * links, hashes, escapes and PEP 658 files are right. The expected tree is written out here by
 * hand, from the script's docstring.
 */
class ProxyTreeTest {
    @TempDir
    Path tmp;

    /** Every file and its METADATA's requirements, as the tree is meant to be. */
    private static final Map<String, List<String>> REQUIRES_DIST = new LinkedHashMap<>();
    static {
        REQUIRES_DIST.put("app-1.0-py3-none-any.whl", List.of("lib-a>=1", "lib-b"));
        REQUIRES_DIST.put("lib_a-1.0-py3-none-any.whl", List.of("lib-c"));
        REQUIRES_DIST.put("lib_a-1.1-py3-none-any.whl", List.of("lib-c"));
        REQUIRES_DIST.put("lib_b-1.0-py3-none-any.whl", List.of("lib-c", "lib-d"));
        REQUIRES_DIST.put("lib_b-2.0-py3-none-any.whl", List.of("lib-c>=1", "lib-d"));
        REQUIRES_DIST.put("lib_c-1.0-py3-none-any.whl", List.of());
        REQUIRES_DIST.put("lib_c-1.0.tar.gz", List.of());
        REQUIRES_DIST.put("lib_d-1.0-py3-none-any.whl", List.of());
    }

    @Test
    void twoBuildsWriteTheSameBytes() throws IOException {
        ProxyTree first = ProxyTree.build(tmp.resolve("one"));
        ProxyTree second = ProxyTree.build(tmp.resolve("two"));

        assertThat(listing(first.dist())).isEqualTo(listing(second.dist())).hasSize(8);
        for (String name : listing(first.dist())) {
            assertThat(first.dist().resolve(name)).as(name).hasSameBinaryContentAs(second.dist().resolve(name));
        }
        assertThat(first.requirements()).hasSameBinaryContentAs(second.requirements());
        assertThat(first.dir().resolve("manifest.tsv")).hasSameBinaryContentAs(second.dir().resolve("manifest.tsv"));
    }

    @Test
    void theManifestNamesEveryFileWithItsOwnSha256AndSize() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp);

        assertThat(tree.files()).extracting(ProxyTree.Dist::filename)
                .containsExactlyElementsOf(REQUIRES_DIST.keySet());
        assertThat(listing(tree.dist())).containsExactlyInAnyOrderElementsOf(REQUIRES_DIST.keySet());
        for (ProxyTree.Dist file : tree.files()) {
            byte[] bytes = Files.readAllBytes(tree.path(file));
            assertThat(file.sha256()).as(file.filename()).isEqualTo(sha256(bytes));
            assertThat(file.size()).as(file.filename()).isEqualTo(bytes.length);
        }
        assertThat(tree.files()).extracting(ProxyTree.Dist::project).containsOnlyOnce("app", "lib-d")
                .containsOnly("app", "lib-a", "lib-b", "lib-c", "lib-d");
    }

    @Test
    void theRequirementsPinEachProjectAt1WithTheHashOfEveryFileItMayTake() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp);
        Map<String, String> hex = new LinkedHashMap<>();
        for (String name : REQUIRES_DIST.keySet()) {
            hex.put(name, sha256(Files.readAllBytes(tree.dist().resolve(name))));
        }

        assertThat(Files.readString(tree.requirements())).isEqualTo(""
                + "app==1.0 \\\n    --hash=sha256:" + hex.get("app-1.0-py3-none-any.whl") + "\n"
                + "lib-a==1.0 \\\n    --hash=sha256:" + hex.get("lib_a-1.0-py3-none-any.whl") + "\n"
                + "lib-b==1.0 \\\n    --hash=sha256:" + hex.get("lib_b-1.0-py3-none-any.whl") + "\n"
                + "lib-c==1.0 \\\n    --hash=sha256:" + hex.get("lib_c-1.0-py3-none-any.whl")
                + " \\\n    --hash=sha256:" + hex.get("lib_c-1.0.tar.gz") + "\n"
                + "lib-d==1.0 \\\n    --hash=sha256:" + hex.get("lib_d-1.0-py3-none-any.whl") + "\n");
    }

    @Test
    void eachWheelIsARealWheelWhoseRecordHoldsAndWhoseMetadataStatesItsRequirements() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp);

        for (ProxyTree.Dist file : tree.files()) {
            if (!file.kind().equals("wheel")) {
                continue;
            }
            try (ZipFile zip = new ZipFile(tree.path(file).toFile())) {
                String distInfo = file.filename().replaceFirst("-py3-none-any\\.whl$", ".dist-info/");
                String wheel = text(zip, distInfo + "WHEEL");
                assertThat(wheel).contains("Wheel-Version: 1.0\n", "Root-Is-Purelib: true\n", "Tag: py3-none-any\n");
                String metadata = text(zip, distInfo + "METADATA");
                assertThat(metadata).startsWith("Metadata-Version: 2.1\nName: " + file.name() + "\nVersion: "
                        + file.version() + "\n");
                assertThat(headers(metadata, "Requires-Dist")).as(file.filename())
                        .isEqualTo(REQUIRES_DIST.get(file.filename()));
                assertThat(text(zip, file.project().replace('-', '_') + "/__init__.py"))
                        .isEqualTo("VERSION = '" + file.version() + "'\n");
                assertRecordHolds(zip, distInfo);
            }
        }
    }

    @Test
    void requiresPythonIsInTheMetadataOfAppAndLibD() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp);

        try (ZipFile app = new ZipFile(tree.dist().resolve("app-1.0-py3-none-any.whl").toFile());
                ZipFile libD = new ZipFile(tree.dist().resolve("lib_d-1.0-py3-none-any.whl").toFile())) {
            assertThat(headers(text(app, "app-1.0.dist-info/METADATA"), "Requires-Python")).containsExactly(">=3.7");
            assertThat(headers(text(libD, "lib_d-1.0.dist-info/METADATA"), "Requires-Python"))
                    .containsExactly(">=3.6, <4");
        }
    }

    @Test
    void theSdistHoldsPkgInfoUnderItsNormalisedDirectory() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp);
        Path extracted = Files.createDirectories(tmp.resolve("x"));

        Processes.Result tar = Processes.command("tar", "-xzf", tree.dist().resolve("lib_c-1.0.tar.gz").toString(),
                "-C", extracted.toString()).run();

        assertThat(tar.exitCode()).as(tar.describe()).isZero();
        assertThat(Files.readString(extracted.resolve("lib_c-1.0/PKG-INFO")))
                .startsWith("Metadata-Version: 2.1\nName: Lib_C\nVersion: 1.0\n");
        assertThat(extracted.resolve("lib_c-1.0/pyproject.toml")).exists();
        assertThat(extracted.resolve("lib_c-1.0/lib_c/__init__.py")).hasContent("VERSION = '1.0'");
    }

    @Test
    void anExtraIsAWheelWithoutRequirementsLeftOutOfTheRequirements() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp, "lib-d==1.2");

        ProxyTree.Dist extra = tree.file("lib_d-1.2-py3-none-any.whl");
        assertThat(extra.role()).isEqualTo("extra");
        assertThat(extra.sha256()).isEqualTo(sha256(Files.readAllBytes(tree.path(extra))));
        assertThat(Files.readString(tree.requirements())).doesNotContain("1.2");
    }

    @Test
    void aRequirementsFileForOtherPinsTakesTheHashesOfThoseFiles() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp);

        Path written = tree.requirements(tmp.resolve("newest.txt"), Map.of("lib-b", "2.0"));

        assertThat(written).hasContent("lib-b==2.0 --hash=sha256:"
                + sha256(Files.readAllBytes(tree.dist().resolve("lib_b-2.0-py3-none-any.whl"))));
    }

    @Test
    void theStaticTreeListsTheProjectsAndLinksEachFileWithItsHashesAndEscapedRequiresPython() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp.resolve("tree"));
        Path root = tree.writeStaticTree(tmp.resolve("www"), Map.of("lib_a-1.1-py3-none-any.whl", "broken <b>"));

        String index = Files.readString(root.resolve("simple/index.html"));
        assertThat(anchors(index)).containsExactly(
                "<a href=\"app/\">", "<a href=\"lib-a/\">", "<a href=\"lib-b/\">", "<a href=\"lib-c/\">",
                "<a href=\"lib-d/\">");

        String libD = Files.readString(root.resolve("simple/lib-d/index.html"));
        String wheel = "lib_d-1.0-py3-none-any.whl";
        byte[] metadata = Files.readAllBytes(root.resolve("files/" + wheel + ".metadata"));
        String metadataHash = sha256(metadata);
        assertThat(anchors(libD)).containsExactly("<a href=\"../../files/" + wheel + "#sha256="
                + sha256(Files.readAllBytes(tree.dist().resolve(wheel))) + "\""
                + " data-requires-python=\"&gt;=3.6, &lt;4\""
                + " data-dist-info-metadata=\"sha256=" + metadataHash + "\""
                + " data-core-metadata=\"sha256=" + metadataHash + "\">");
        try (ZipFile zip = new ZipFile(tree.dist().resolve(wheel).toFile())) {
            assertThat(new String(metadata, StandardCharsets.UTF_8))
                    .isEqualTo(text(zip, "lib_d-1.0.dist-info/METADATA"));
        }
        assertThat(root.resolve("files/" + wheel)).hasSameBinaryContentAs(tree.dist().resolve(wheel));

        String libC = Files.readString(root.resolve("simple/lib-c/index.html"));
        assertThat(anchors(libC)).hasSize(2).last().isEqualTo("<a href=\"../../files/lib_c-1.0.tar.gz#sha256="
                + sha256(Files.readAllBytes(tree.dist().resolve("lib_c-1.0.tar.gz"))) + "\">");
        assertThat(root.resolve("files/lib_c-1.0.tar.gz.metadata")).doesNotExist();

        String libA = Files.readString(root.resolve("simple/lib-a/index.html"));
        assertThat(anchors(libA)).hasSize(2);
        assertThat(anchors(libA).get(0)).doesNotContain("data-yanked");
        assertThat(anchors(libA).get(1)).endsWith(" data-yanked=\"broken &lt;b&gt;\">");
        assertThat(libA).contains("<title>Links for lib-a</title>",
                "<meta name=\"pypi:repository-version\" content=\"1.0\">");
        assertThat(listing(root)).containsExactly("files", "simple");
        assertThat(listing(root.resolve("simple")))
                .containsExactly("app", "index.html", "lib-a", "lib-b", "lib-c", "lib-d");
    }

    @Test
    void writingTheStaticTreeAgainReplacesWhatWasThere() throws IOException {
        ProxyTree tree = ProxyTree.build(tmp.resolve("tree"));
        Path root = tree.writeStaticTree(tmp.resolve("www"), Map.of("lib_a-1.1-py3-none-any.whl", ""));

        tree.writeStaticTree(root);

        assertThat(Files.readString(root.resolve("simple/lib-a/index.html"))).doesNotContain("data-yanked");
    }

    @Test
    void yankingAFileNotInTheTreeIsAnError() {
        ProxyTree tree = ProxyTree.build(tmp.resolve("tree"));

        Processes.Result result = ProxyTree.script("static_tree.py", List.of(tree.dist().toString(),
                tmp.resolve("www").toString(), "--yank", "nope-1.0-py3-none-any.whl=gone"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("--yank names files not in", "nope-1.0-py3-none-any.whl");
    }

    /** Each line of RECORD names an entry with its urlsafe-base64 sha256 and size; every entry is listed. */
    private static void assertRecordHolds(ZipFile zip, String distInfo) throws IOException {
        String record = text(zip, distInfo + "RECORD");
        List<String> listed = new java.util.ArrayList<>();
        for (String line : record.split("\n")) {
            String[] fields = line.split(",", -1);
            assertThat(fields).as(line).hasSize(3);
            listed.add(fields[0]);
            if (fields[0].equals(distInfo + "RECORD")) {
                assertThat(fields[1] + fields[2]).as(line).isEmpty();
                continue;
            }
            byte[] bytes = bytes(zip, fields[0]);
            assertThat(fields[1]).as(line).isEqualTo("sha256="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(digest(bytes)));
            assertThat(fields[2]).as(line).isEqualTo(Integer.toString(bytes.length));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(zip.stream().map(ZipEntry::getName).toList());
    }

    private static List<String> anchors(String html) {
        List<String> found = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("<a [^>]*>").matcher(html);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static List<String> headers(String metadata, String name) {
        return metadata.lines().takeWhile(l -> !l.isEmpty()).filter(l -> l.startsWith(name + ": "))
                .map(l -> l.substring(name.length() + 2)).toList();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String text(ZipFile zip, String name) throws IOException {
        return new String(bytes(zip, name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertThat(entry).as(name + " in " + zip.getName()).isNotNull();
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
