package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.DistProblem.Kind;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Sdists refused for their container, their tar records or their member names. */
class SdistRefusalTest {
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
    class Container {
        @Test
        void notATarAtAll() throws IOException {
            Path file = Files.writeString(tmp.resolve(FILENAME), "just text");
            refusal(file, Kind.NOT_A_TAR).hasMessage("Invalid distribution file. File is not a tarfile");
        }

        @Test
        void gzipOfSomethingElse() throws IOException {
            Path file = Files.write(tmp.resolve(FILENAME), gzip("not a tar".repeat(100).getBytes(StandardCharsets.US_ASCII)));
            refusal(file, Kind.NOT_A_TAR);
        }

        @Test
        void plainTarNamedTarGz() throws IOException {
            Path file = Files.write(tmp.resolve(FILENAME), new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).end().bytes());
            refusal(file, Kind.NOT_A_TAR);
        }

        @Test
        void aWheelNamedTarGz() throws IOException {
            Path file = TestArchives.wheel("demo", "1.0").writeTo(tmp, FILENAME);
            refusal(file, Kind.NOT_A_TAR);
        }

        @Test
        void emptyTar() throws IOException {
            refusal(rawSdist(new RawTar().end()), Kind.NOT_A_TAR);
        }

        @Test
        void tarThatIsAlsoAZip() throws IOException {
            Path zip = TestArchives.wheel("demo", "1.0").writeTo(tmp);
            byte[] tar = new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).end().bytes();
            byte[] gz = gzip(tar);
            byte[] zipBytes = Files.readAllBytes(zip);
            // A gzip member followed by a zip: gzip readers see the tar, zip readers the zip.
            Path file = tmp.resolve(FILENAME);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(gz);
                out.write(zipBytes);
            }
            refusal(file, Kind.ZIP_AND_TAR).hasMessage("Invalid distribution file. File is both a zip and a tar file");
        }

        @Test
        void truncatedGzip() throws IOException {
            Path full = TestArchives.sdist("demo", "1.0").file("big.txt", "x".repeat(100_000)).writeTo(tmp);
            byte[] bytes = Files.readAllBytes(full);
            Path file = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length - 30));
            assertThatThrownBy(() -> inspector.inspectSdist(file, "cut.tar.gz"))
                    .isInstanceOfSatisfying(DistProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(Kind.CORRUPT);
                        assertThat(p.getMessage()).isEqualTo("Invalid distribution file. File is corrupt or truncated");
                    });
        }

        @Test
        void memberCutShort() throws IOException {
            byte[] tar = new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).file("demo-1.0/x", "y".repeat(2000)).bytes();
            Path file = Files.write(tmp.resolve(FILENAME), gzip(Arrays.copyOf(tar, tar.length - 1024)));
            refusal(file, Kind.CORRUPT);
        }

        @Test
        void badHeaderAfterTheFirst() throws IOException {
            byte[] bad = RawTar.header("demo-1.0/x", '0', 0, "");
            bad[0] = 'X'; // checksum no longer matches
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).raw(bad).end()),
                    Kind.TAR_NOT_ACCEPTED).hasMessage("Invalid distribution file. tar archive not accepted: "
                            + "Malformed member header. See https://docs.pypi.org/archives for more information");
        }

        @Test
        void directoryCarryingData() throws IOException {
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO)
                    .member("demo-1.0/dir", '5', new byte[600]).end()), Kind.TAR_NOT_ACCEPTED);
        }

        @Test
        void oversizedExtendedHeader() throws IOException {
            refusal(rawSdist(new RawTar().pax('x', Map.of("comment", "c".repeat(TarReader.MAX_META_BYTES)))
                    .file("demo-1.0/PKG-INFO", PKG_INFO).end()), Kind.TAR_NOT_ACCEPTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"99 path=x\n", "9999999999999 path=x\n", "3 a=\n", "11 path=xyz\n", "7 nokey\n"})
        void malformedPaxRecords(String records) throws IOException {
            refusal(rawSdist(new RawTar().member("PaxHeader", 'x', records.getBytes(StandardCharsets.UTF_8))
                    .file("demo-1.0/PKG-INFO", PKG_INFO).end()), Kind.TAR_NOT_ACCEPTED);
        }

        @Test
        void endlessExtendedHeaders() throws IOException {
            RawTar tar = new RawTar();
            for (int i = 0; i < 20; i++) {
                tar.pax('x', Map.of("comment", "n" + i));
            }
            refusal(rawSdist(tar.file("demo-1.0/PKG-INFO", PKG_INFO).end()), Kind.TAR_NOT_ACCEPTED);
        }

        @Test
        void otherFilenamesAreTheCallersMistake() throws IOException {
            Path file = TestArchives.sdist("demo", "1.0").writeTo(tmp);
            assertThatThrownBy(() -> inspector.inspectSdist(file, "demo-1.0.tar.bz2"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Sparse {
        @Test
        void oldGnuSparseMember() throws IOException {
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO)
                    .member("demo-1.0/holes", 'S', new byte[0]).end()), Kind.SPARSE_MEMBER)
                    .hasMessage("Invalid distribution file. tar archive not accepted: Sparse members are "
                            + "not allowed. See https://docs.pypi.org/archives for more information");
        }

        @Test
        void paxSparseMember() throws IOException {
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO)
                    .pax('x', Map.of("GNU.sparse.major", "1", "GNU.sparse.minor", "0",
                            "GNU.sparse.name", "demo-1.0/holes", "GNU.sparse.realsize", "1000000"))
                    .file("demo-1.0/GNUSparseFile.0/holes", "1\n0\n0\n").end()), Kind.SPARSE_MEMBER);
        }
    }

    @Nested
    class UnsafeNames {
        @ParameterizedTest
        @ValueSource(strings = {"/demo-1.0/evil", "demo-1.0/../../evil", "../evil", "demo-1.0\\evil",
                "demo-1.0/ev\u0001il"})
        void refused(String name) throws IOException {
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO).file(name, "x").end()),
                    Kind.UNSAFE_MEMBER_PATH).hasMessage("Invalid distribution file. Unsafe member path: "
                            + PyRepr.of(name));
        }

        @Test
        void paxPathIsCheckedToo() throws IOException {
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO)
                    .pax('x', Map.of("path", "../../etc/passwd")).file("demo-1.0/ok", "x").end()),
                    Kind.UNSAFE_MEMBER_PATH);
        }

        @Test
        void symlinkLeadingOut() throws IOException {
            var builder = TestArchives.sdist("demo", "1.0").symlink("evil", "../../etc/passwd");
            refusal(builder.writeTo(tmp), Kind.UNSAFE_LINK_TARGET)
                    .hasMessage("Invalid distribution file. Link 'demo-1.0/evil' points outside the archive");
        }

        @Test
        void absoluteSymlink() throws IOException {
            var builder = TestArchives.sdist("demo", "1.0").symlink("evil", "/etc/passwd");
            refusal(builder.writeTo(tmp), Kind.UNSAFE_LINK_TARGET);
        }

        @Test
        void hardLinkLeadingOut() throws IOException {
            refusal(rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO)
                    .member("demo-1.0/evil", '1', new byte[0], "../outside").end()), Kind.UNSAFE_LINK_TARGET);
        }

        @Test
        void hardLinkInside() throws Exception {
            Path file = rawSdist(new RawTar().file("demo-1.0/PKG-INFO", PKG_INFO)
                    .member("demo-1.0/copy", '1', new byte[0], "demo-1.0/PKG-INFO").end());
            assertThat(inspector.inspectSdist(file, FILENAME).memberNames()).contains("demo-1.0/copy");
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
