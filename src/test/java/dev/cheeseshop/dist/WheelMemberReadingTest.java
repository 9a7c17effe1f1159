package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.DistProblem.Kind;
import java.io.IOException;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading METADATA, WHEEL and entry_points.txt: caps, declared sizes, CRCs, bad data. */
class WheelMemberReadingTest {
    @TempDir
    Path tmp;

    private final DistInspector inspector = new DistInspector();

    private AbstractThrowableAssert<?, ?> refusal(Path file, String filename, Kind kind) {
        return assertThatThrownBy(() -> inspector.inspectWheel(file, filename))
                .isInstanceOf(DistProblem.class)
                .satisfies(e -> assertThat(((DistProblem) e).kind()).isEqualTo(kind));
    }

    @Test
    void metadataLargerThanTheCapIsRefusedFromItsDeclaredSize() throws IOException {
        DistInspector small = new DistInspector(new Limits(100, 1 << 30, 1000, 64L << 20, 50, 1 << 20));
        var builder = TestArchives.wheel("demo", "1.0")
                .metadata(TestArchives.metadata("demo", "1.0") + "x".repeat(1000));
        assertThatThrownBy(() -> small.inspectWheel(builder.writeTo(tmp), builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Kind.MEMBER_TOO_LARGE);
                    assertThat(p.getMessage()).isEqualTo("Invalid distribution file. "
                            + "'demo-1.0.dist-info/METADATA' is larger than the limit of 1000 bytes");
                });
    }

    @Test
    void memberLongerThanItsHeaderSays() throws IOException {
        var builder = TestArchives.wheel("demo", "1.0");
        Path file = ZipSurgery.of(builder.writeTo(tmp))
                .uncompressedSize("demo-1.0.dist-info/METADATA", 10).writeTo(tmp.resolve("lie.whl"));
        refusal(file, builder.filename(), Kind.MEMBER_SIZE_MISMATCH).hasMessage(
                "Invalid distribution file. 'demo-1.0.dist-info/METADATA' does not have the "
                        + "size recorded in the archive");
    }

    @Test
    void memberShorterThanItsHeaderSays() throws IOException {
        var builder = TestArchives.wheel("demo", "1.0");
        Path file = ZipSurgery.of(builder.writeTo(tmp))
                .uncompressedSize("demo-1.0.dist-info/WHEEL", 5000).writeTo(tmp.resolve("lie.whl"));
        refusal(file, builder.filename(), Kind.MEMBER_SIZE_MISMATCH);
    }

    @Test
    void storedMemberWhoseSizesDisagree() throws IOException {
        var builder = TestArchives.wheel("demo", "1.0").stored();
        Path file = ZipSurgery.of(builder.writeTo(tmp))
                .uncompressedSize("demo-1.0.dist-info/METADATA", 3).writeTo(tmp.resolve("lie.whl"));
        refusal(file, builder.filename(), Kind.MEMBER_SIZE_MISMATCH);
    }

    @Test
    void wrongCrc() throws IOException {
        var builder = TestArchives.wheel("demo", "1.0");
        Path file = ZipSurgery.of(builder.writeTo(tmp))
                .crc("demo-1.0.dist-info/METADATA", 12345).writeTo(tmp.resolve("crc.whl"));
        refusal(file, builder.filename(), Kind.MEMBER_CRC_MISMATCH).hasMessage(
                "Invalid distribution file. 'demo-1.0.dist-info/METADATA' does not match the "
                        + "CRC-32 recorded in the archive");
    }

    @Test
    void garbledDeflateData() throws IOException {
        var builder = TestArchives.wheel("demo", "1.0");
        ZipSurgery zip = ZipSurgery.of(builder.writeTo(tmp));
        int local = zip.local("demo-1.0.dist-info/METADATA");
        int data = local + 30 + "demo-1.0.dist-info/METADATA".length();
        zip.put(data, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        refusal(zip.writeTo(tmp.resolve("bad.whl")), builder.filename(), Kind.CORRUPT)
                .hasMessage("Invalid distribution file. File is corrupt or truncated");
    }
}
