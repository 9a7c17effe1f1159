package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staged uploads: written once with their three digests, capped, and never left behind. */
class StagingTest {
    @TempDir
    Path dir;

    @Test
    void computesTheThreeDigestsWhileWriting() throws IOException {
        byte[] content = new byte[300_000];
        new Random(42).nextBytes(content);
        Staging staging = new Staging(dir, Clock.systemUTC());
        StagedFile staged;
        try (Staging.Writer writer = staging.begin(1_000_000)) {
            for (int offset = 0; offset < content.length; offset += 70_000) {
                int length = Math.min(70_000, content.length - offset);
                assertThat(writer.write(ByteBuffer.wrap(content, offset, length))).isTrue();
            }
            staged = writer.finish("demo-1.0.tar.gz", "application/octet-stream");
        }
        assertThat(staged.digests()).isEqualTo(Seed.digests(content));
        assertThat(staged.size()).isEqualTo(content.length);
        assertThat(Files.readAllBytes(staged.path())).isEqualTo(content);
    }

    @Test
    void refusesBytesPastTheLimitAndDeletesAnUnfinishedFile() throws IOException {
        Staging staging = new Staging(dir, Clock.systemUTC());
        Path path;
        try (Staging.Writer writer = staging.begin(10)) {
            assertThat(writer.write(ByteBuffer.wrap(new byte[8]))).isTrue();
            assertThat(writer.write(ByteBuffer.wrap(new byte[3]))).isFalse();
            try (var files = Files.list(dir)) {
                path = files.findFirst().orElseThrow();
            }
            assertThat(Files.size(path)).isEqualTo(8);
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void sweepJudgesAgeByTheInjectedClock() throws IOException {
        MutableClock clock = new MutableClock(Instant.now());
        Staging staging = new Staging(dir, clock);
        Path staged;
        try (Staging.Writer writer = staging.begin(10)) {
            writer.write(ByteBuffer.wrap(new byte[] {1}));
            staged = writer.finish("demo-1.0.tar.gz", "application/octet-stream").path();
        }
        assertThat(staging.sweep(Duration.ofHours(1))).isZero();
        assertThat(staged).exists();
        clock.advance(Duration.ofHours(2));
        assertThat(staging.sweep(Duration.ofHours(1))).isEqualTo(1);
        assertThat(staged).doesNotExist();
    }

    @Test
    void sweepRemovesOnlyOldStagedFiles() throws IOException {
        Staging staging = new Staging(dir, Clock.systemUTC());
        Path old = Files.writeString(dir.resolve("upload-old.part"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.writeString(dir.resolve("upload-fresh.part"), "x");
        Path other = Files.writeString(dir.resolve("keep.txt"), "x");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        assertThat(staging.sweep(Duration.ofHours(1))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists();
    }
}
