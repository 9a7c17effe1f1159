package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.DistProblem.Kind;
import dev.cheeseshop.dist.SdistBuilder.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SdistInspectionTest {
    private static final String FILENAME = "demo-1.0.tar.gz";
    private static final String PKG_INFO = TestArchives.metadata("demo", "1.0");

    @TempDir
    Path tmp;

    private final DistInspector inspector = new DistInspector();

    private AbstractThrowableAssert<?, ?> refusal(Path file, Kind kind) {
        return assertThatThrownBy(() -> inspector.inspectSdist(file, FILENAME))
                .isInstanceOfSatisfying(DistProblem.class, p -> assertThat(p.kind()).isEqualTo(kind));
    }

    private Path rawSdist(RawTar tar) throws IOException {
        return tar.writeGz(tmp.resolve(FILENAME));
    }

    @Nested
    class Accepted {
        @ParameterizedTest
        @EnumSource(Format.class)
        void everyTarFormat(Format format) throws Exception {
            var builder = TestArchives.sdist("demo", "1.0").format(format);
            SdistInfo info = inspector.inspectSdist(builder.writeTo(tmp), builder.filename());
            assertThat(info.topLevelDir()).isEqualTo("demo-1.0");
            assertThat(info.pkgInfoPath()).isEqualTo("demo-1.0/PKG-INFO");
            assertThat(new String(info.pkgInfo(), StandardCharsets.UTF_8)).isEqualTo(PKG_INFO);
            assertThat(info.memberNames())
                    .containsExactly("demo-1.0", "demo-1.0/PKG-INFO", "demo-1.0/pyproject.toml");
        }

        @Test
        void longNamesInPaxAndGnuForm() throws Exception {
            String longPath = "src/" + "deep/".repeat(40) + "module.py";
            for (Format format : new Format[] {Format.PAX, Format.GNU}) {
                var builder = TestArchives.sdist("demo", "1.0").format(format).file(longPath, "x");
                assertThat(inspector.inspectSdist(builder.writeTo(tmp), builder.filename())
                        .memberNames()).contains("demo-1.0/" + longPath);
            }
        }

        @Test
        void dotSlashPrefixedNames() throws Exception {
            var builder = TestArchives.sdist("demo", "1.0").dotSlash();
            SdistInfo info = inspector.inspectSdist(builder.writeTo(tmp), builder.filename());
            assertThat(info.topLevelDir()).isEqualTo("demo-1.0");
            assertThat(info.memberNames()).contains("demo-1.0/PKG-INFO");
        }

        @Test
        void anEntryForTheArchiveRootItself() throws Exception {
            Path file = rawSdist(new RawTar().dir("./").dir("./demo-1.0/")
                    .file("./demo-1.0/PKG-INFO", PKG_INFO).end());
            assertThat(inspector.inspectSdist(file, FILENAME).topLevelDir()).isEqualTo("demo-1.0");
        }

        @Test
        void paxGlobalHeaderAsWrittenByGitArchive() throws Exception {
            var builder = TestArchives.sdist("demo", "1.0").paxGlobalHeader("0123456789abcdef");
            assertThat(inspector.inspectSdist(builder.writeTo(tmp), builder.filename())
                    .memberNames()).doesNotContain("pax_global_header").contains("demo-1.0/PKG-INFO");
        }

        @Test
        void paxPathOverridesTheHeaderName() throws Exception {
            Path file = rawSdist(new RawTar().pax('x', Map.of("path", "demo-1.0/PKG-INFO"))
                    .file("ignored-name", PKG_INFO).end());
            assertThat(inspector.inspectSdist(file, FILENAME).memberNames())
                    .containsExactly("demo-1.0/PKG-INFO");
        }

        @Test
        void noDirectoryEntriesAtAll() throws Exception {
            Path file = rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).end());
            assertThat(inspector.inspectSdist(file, FILENAME).topLevelDir()).isEqualTo("demo-1.0");
        }

        @Test
        void theLastOfTwoPkgInfosWinsAsOnExtraction() throws Exception {
            Path file = rawSdist(new RawTar().file("demo-1.0/PKG-INFO", "first")
                    .file("demo-1.0/PKG-INFO", "second").end());
            assertThat(inspector.inspectSdist(file, FILENAME).pkgInfo())
                    .isEqualTo("second".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void endOfStreamWithoutEndBlocks() throws Exception {
            Path file = rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO));
            assertThat(inspector.inspectSdist(file, FILENAME).topLevelDir()).isEqualTo("demo-1.0");
        }

        @Test
        void whateverFollowsTheEndBlocksIsNotRead() throws Exception {
            Path file = rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).end()
                    .raw("garbage".getBytes(StandardCharsets.US_ASCII)));
            assertThat(inspector.inspectSdist(file, FILENAME).topLevelDir()).isEqualTo("demo-1.0");
        }

        @Test
        void concatenatedGzipMembers() throws Exception {
            byte[] tar = new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).end().bytes();
            Path file = tmp.resolve(FILENAME);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(gzip(Arrays.copyOfRange(tar, 0, 512)));
                out.write(gzip(Arrays.copyOfRange(tar, 512, tar.length)));
            }
            assertThat(inspector.inspectSdist(file, FILENAME).pkgInfo())
                    .isEqualTo(PKG_INFO.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void symlinksThatStayInside() throws Exception {
            var builder = TestArchives.sdist("demo", "1.0").symlink("docs/README", "../PKG-INFO");
            assertThat(inspector.inspectSdist(builder.writeTo(tmp), builder.filename()).memberNames())
                    .contains("demo-1.0/docs/README");
        }

        @Test
        void uppercaseExtension() throws Exception {
            Path file = TestArchives.sdist("demo", "1.0").writeTo(tmp);
            assertThat(inspector.inspectSdist(file, "DEMO-1.0.TAR.GZ").topLevelDir()).isEqualTo("demo-1.0");
        }

        @Test
        void zipSdist() throws Exception {
            Path file = TestArchives.sdist("demo", "1.0").writeZipTo(tmp);
            SdistInfo info = inspector.inspectSdist(file, "demo-1.0.zip");
            assertThat(info.topLevelDir()).isEqualTo("demo-1.0");
            assertThat(info.pkgInfo()).isEqualTo(PKG_INFO.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Layout {
        @Test
        void pkgInfoMissing() throws IOException {
            var builder = TestArchives.sdist("demo", "1.0").withoutPkgInfo();
            refusal(builder.writeTo(tmp), Kind.PKG_INFO_MISSING)
                    .hasMessage("Invalid distribution file. PKG-INFO not found at demo-1.0/PKG-INFO");
        }

        @Test
        void pkgInfoOnlyDeeperDown() throws IOException {
            var builder = TestArchives.sdist("demo", "1.0").withoutPkgInfo().file("sub/PKG-INFO", PKG_INFO);
            refusal(builder.writeTo(tmp), Kind.PKG_INFO_MISSING);
        }

        @Test
        void pkgInfoThatIsADirectory() throws IOException {
            refusal(rawSdist(new RawTar().dir("demo-1.0/PKG-INFO/").end()), Kind.PKG_INFO_MISSING);
        }

        @Test
        void twoTopLevelDirectories() throws IOException {
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).file("other/x", "").end()),
                    Kind.SDIST_TOP_LEVEL).hasMessage(
                            "Invalid distribution file. Incorrect number of top-level directories in sdist");
        }

        @Test
        void aTopLevelFileBesideTheDirectory() throws IOException {
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).file("README", "").end()),
                    Kind.SDIST_TOP_LEVEL);
        }

        @Test
        void onlyExtendedHeaders() throws IOException {
            refusal(rawSdist(new RawTar().pax('g', Map.of("comment", "x")).end()), Kind.SDIST_TOP_LEVEL);
        }

        @Test
        void zipSdistWithTwoTopLevels() throws IOException {
            Path file = tmp.resolve("demo-1.0.zip");
            TestArchives.writeZip(file, Map.of("a/PKG-INFO", new byte[0], "b/x", new byte[0]), false);
            assertThatThrownBy(() -> inspector.inspectSdist(file, "demo-1.0.zip"))
                    .isInstanceOfSatisfying(DistProblem.class,
                            p -> assertThat(p.kind()).isEqualTo(Kind.SDIST_TOP_LEVEL));
        }
    }

    @Nested
    class Limits {
        private final dev.cheeseshop.dist.Limits small =
                new dev.cheeseshop.dist.Limits(3, 1 << 30, 100, 64L << 20, 50, 200);

        @Test
        void tooManyMembers() throws IOException {
            var builder = TestArchives.sdist("demo", "1.0").file("a", "").file("b", "");
            assertThatThrownBy(() -> new DistInspector(small).inspectSdist(builder.writeTo(tmp), FILENAME))
                    .isInstanceOfSatisfying(DistProblem.class,
                            p -> assertThat(p.kind()).isEqualTo(Kind.TOO_MANY_MEMBERS));
        }

        @Test
        void pkgInfoTooLarge() throws IOException {
            var builder = TestArchives.sdist("demo", "1.0").pkgInfo(PKG_INFO + "x".repeat(100));
            assertThatThrownBy(() -> new DistInspector(small).inspectSdist(builder.writeTo(tmp), FILENAME))
                    .isInstanceOfSatisfying(DistProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(Kind.MEMBER_TOO_LARGE);
                        assertThat(p.getMessage()).isEqualTo("Invalid distribution file. "
                                + "'demo-1.0/PKG-INFO' is larger than the limit of 100 bytes");
                    });
        }

        @Test
        void namesTooLong() throws IOException {
            var builder = TestArchives.sdist("demo", "1.0").withoutPkgInfo().file("n".repeat(300), "");
            assertThatThrownBy(() -> new DistInspector(small).inspectSdist(builder.writeTo(tmp), FILENAME))
                    .isInstanceOfSatisfying(DistProblem.class,
                            p -> assertThat(p.kind()).isEqualTo(Kind.NAMES_TOO_LONG));
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
