package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.DistProblem.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decompression bombs and members lying about their size, in wheels and in sdists. */
class ZipBombTest {
    private static final long MIB = 1024 * 1024;
    private static final String RATIO_MESSAGE =
            "Invalid distribution file. File exceeds compression ratio of 50";

    @TempDir
    Path tmp;

    private final DistInspector inspector = new DistInspector();

    @Test
    void zipBombIsRefusedFromItsDeclaredSizesWithoutInflating() throws IOException {
        String name = "bomb-1.0-py3-none-any.whl";
        Path bomb = TestArchives.writeZipBomb(tmp.resolve(name), "bomb-1.0.dist-info/METADATA", 200 * MIB);
        assertThat(Files.size(bomb)).isLessThan(MIB); // 200 MiB of zeros in a few hundred KB
        assertThatThrownBy(() -> inspector.inspectWheel(bomb, name))
                .isInstanceOfSatisfying(DistProblem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Kind.COMPRESSION_RATIO);
                    assertThat(p.getMessage()).isEqualTo(RATIO_MESSAGE);
                });
    }

    @Test
    void smallArchivesMayCompressAsWellAsTheyLike() throws Exception {
        // 1 MiB of zeros is a ratio of ~1000 but stays under the 64 MiB threshold.
        var builder = TestArchives.wheel("zeros", "1.0").file("zeros/data.bin", new byte[(int) MIB]);
        assertThat(inspector.inspectWheel(builder.writeTo(tmp), builder.filename()).memberNames())
                .contains("zeros/data.bin");
    }

    @Test
    void zipDeclaringMoreThanTheTotalLimit() throws IOException {
        Limits limits = new Limits(100, 10_000, 1 << 20, 64 * MIB, 50, 1 << 20);
        var builder = TestArchives.wheel("demo", "1.0").file("demo/random.bin", randomBytes(20_000));
        assertThatThrownBy(() -> new DistInspector(limits).inspectWheel(builder.writeTo(tmp), builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Kind.TOO_LARGE_UNCOMPRESSED);
                    assertThat(p.getMessage()).isEqualTo("Invalid distribution file. File expands to more than 10000 bytes");
                });
    }

    @Test
    void metadataLyingAboutItsSizeStopsAtTheDeclaredSize() throws IOException {
        // METADATA really inflates to 20 MiB but both headers claim 100 bytes: the ratio rule sees
        // nothing, and inflating stops at byte 101.
        var builder = TestArchives.wheel("liar", "1.0").metadata(new byte[(int) (20 * MIB)]);
        Path file = ZipSurgery.of(builder.writeTo(tmp))
                .uncompressedSize("liar-1.0.dist-info/METADATA", 100).writeTo(tmp.resolve("liar.whl"));
        assertThatThrownBy(() -> inspector.inspectWheel(file, builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class,
                        p -> assertThat(p.kind()).isEqualTo(Kind.MEMBER_SIZE_MISMATCH));
    }

    @Test
    void metadataDeclaringMoreThanTheCapIsNeverInflated() throws IOException {
        var builder = TestArchives.wheel("big", "1.0").metadata(new byte[(int) (9 * MIB)]);
        assertThatThrownBy(() -> inspector.inspectWheel(builder.writeTo(tmp), builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Kind.MEMBER_TOO_LARGE);
                    assertThat(p.getMessage()).endsWith("is larger than the limit of 8388608 bytes");
                });
    }

    @Test
    void tarGzBombIsRefused() throws IOException {
        Path bomb = TestArchives.writeTarGzBomb(tmp.resolve("bomb-1.0.tar.gz"), "bomb-1.0/data.bin", 200 * MIB);
        assertThat(Files.size(bomb)).isLessThan(MIB);
        assertThatThrownBy(() -> inspector.inspectSdist(bomb, "bomb-1.0.tar.gz"))
                .isInstanceOfSatisfying(DistProblem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Kind.COMPRESSION_RATIO);
                    assertThat(p.getMessage()).isEqualTo(RATIO_MESSAGE);
                });
    }

    @Test
    void tarGzBombStopsInflatingAsSoonAsItCrossesTheRule() throws IOException {
        Path bomb = TestArchives.writeTarGzBomb(tmp.resolve("bomb-1.0.tar.gz"), "bomb-1.0/data.bin", 200 * MIB);
        try (InputStream gz = new GzipCompressorInputStream(Files.newInputStream(bomb))) {
            TarReader reader = new TarReader(gz, Limits.DEFAULT, Files.size(bomb));
            assertThatThrownBy(() -> {
                while (reader.next() != null) {
                    // skip everything
                }
            }).isInstanceOfSatisfying(DistProblem.class,
                    p -> assertThat(p.kind()).isEqualTo(Kind.COMPRESSION_RATIO));
            // Stopped just past the 64 MiB threshold, not after 200 MiB.
            assertThat(reader.bytesRead()).isBetween(64 * MIB, 65 * MIB);
        }
    }

    @Test
    void tarGzPkgInfoBombIsNotReadIntoMemory() throws IOException {
        // Under the ratio threshold, but PKG-INFO alone is 20 MiB: refused from its header.
        Path bomb = TestArchives.writeTarGzBomb(tmp.resolve("bomb-1.0.tar.gz"), "bomb-1.0/PKG-INFO", 20 * MIB);
        assertThatThrownBy(() -> inspector.inspectSdist(bomb, "bomb-1.0.tar.gz"))
                .isInstanceOfSatisfying(DistProblem.class,
                        p -> assertThat(p.kind()).isEqualTo(Kind.MEMBER_TOO_LARGE));
    }

    @Test
    void tarGzLargerThanTheTotalLimit() throws IOException {
        Limits limits = new Limits(100, 20_000, 1 << 20, 64 * MIB, 50, 1 << 20);
        var builder = TestArchives.sdist("demo", "1.0").file("random.bin", randomBytes(30_000));
        assertThatThrownBy(() -> new DistInspector(limits).inspectSdist(builder.writeTo(tmp), builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class,
                        p -> assertThat(p.kind()).isEqualTo(Kind.TOO_LARGE_UNCOMPRESSED));
    }

    @Test
    void tarMemberDeclaringMoreDataThanThereIs() throws IOException {
        byte[] header = RawTar.header("demo-1.0/big", '0', 50 * MIB, "");
        Path file = new RawTar().file("demo-1.0/PKG-INFO", "Name: demo\n").raw(header)
                .raw(new byte[4096]).writeGz(tmp.resolve("demo-1.0.tar.gz"));
        assertThatThrownBy(() -> inspector.inspectSdist(file, "demo-1.0.tar.gz"))
                .isInstanceOfSatisfying(DistProblem.class,
                        p -> assertThat(p.kind()).isEqualTo(Kind.CORRUPT));
    }

    @Test
    void theRatioRuleMatchesPypi() {
        Limits limits = Limits.DEFAULT;
        long file = 2 * MIB;
        assertThat(limits.exceedsRatio(64 * MIB, 1)).isFalse(); // not above the threshold
        assertThat(limits.exceedsRatio(100 * MIB, file)).isFalse(); // ratio exactly 50
        assertThat(limits.exceedsRatio(100 * MIB + 1, file)).isTrue();
        assertThat(limits.exceedsRatio(Long.MAX_VALUE, 1)).isTrue();
        assertThat(limits.exceedsRatio(65 * MIB, 0)).isTrue();
    }

    @Test
    void defaultLimits() {
        assertThat(Limits.DEFAULT).isEqualTo(new Limits(100_000, 4096 * MIB, (int) (8 * MIB), 64 * MIB, 50, 64 * MIB));
        assertThatThrownBy(() -> new Limits(0, 1, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }
}
