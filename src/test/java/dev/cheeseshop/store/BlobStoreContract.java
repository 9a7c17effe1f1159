package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link BlobStore} implementation must do; each backend's test extends this. */
public abstract class BlobStoreContract {
    protected static final String KEY = "ab/cd/ef0123/demo-1.0.tar.gz";

    @TempDir
    protected Path scratch;

    /** The store's clock: write times come from it. Whole seconds, which every file system keeps. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    protected BlobStore blobs;

    /** A new, empty store that takes write times from {@code clock}. */
    protected abstract BlobStore newStore(Clock clock) throws Exception;

    @BeforeEach
    void open() throws Exception {
        blobs = newStore(clock);
    }

    @Test
    void storesAFileAndReadsItBackWholeAndInPart() throws IOException {
        Path source = Files.writeString(scratch.resolve("source"), "0123456789");
        blobs.put(KEY, source);
        BlobStore.Blob blob = blobs.open(KEY).orElseThrow();
        assertThat(blob.size()).isEqualTo(10);
        assertThat(read(blob, 0, 10)).isEqualTo("0123456789");
        assertThat(read(blob, 3, 4)).isEqualTo("3456");
        assertThat(blobs.exists(KEY)).isTrue();
        assertThat(Files.exists(source)).as("the source is copied, not taken").isTrue();
    }

    @Test
    void storesBytes() throws IOException {
        blobs.put(KEY + ".metadata", "Metadata-Version: 2.1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read(blobs.open(KEY + ".metadata").orElseThrow(), 0, 22)).isEqualTo("Metadata-Version: 2.1\n");
    }

    @Test
    void writingTheSameKeyAgainIsHarmless() throws IOException {
        blobs.put(KEY, "same".getBytes(StandardCharsets.UTF_8));
        blobs.put(KEY, "same".getBytes(StandardCharsets.UTF_8));
        assertThat(read(blobs.open(KEY).orElseThrow(), 0, 4)).isEqualTo("same");
    }

    @Test
    void aMissingBlobIsEmptyAndDeletingItIsNoError() throws IOException {
        assertThat(blobs.open(KEY)).isEmpty();
        assertThat(blobs.exists(KEY)).isFalse();
        assertThat(blobs.info(KEY)).isEmpty();
        blobs.delete(KEY);
    }

    /** A listing's time may be the backend's own (S3's LastModified), so only info() is held to the clock. */
    @Test
    void aPutRecordsTheClocksTimeAsTheWriteTime() throws IOException {
        Path source = Files.writeString(scratch.resolve("source"), "0123");
        blobs.put(KEY, new byte[] {1, 2, 3});
        blobs.put(KEY + ".copy", source);
        assertThat(blobs.info(KEY)).contains(new BlobStore.BlobInfo(KEY, 3, clock.instant()));
        assertThat(blobs.info(KEY + ".copy")).contains(new BlobStore.BlobInfo(KEY + ".copy", 4, clock.instant()));
        List<BlobStore.BlobInfo> listed = new ArrayList<>();
        blobs.list(listed::add);
        assertThat(listed).extracting(BlobStore.BlobInfo::key, BlobStore.BlobInfo::size).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(KEY, 3L), org.assertj.core.groups.Tuple.tuple(KEY + ".copy", 4L));
    }

    /** The reconciler's rule: a blob uploaded again is a new write, however old its first copy. */
    @Test
    void puttingAnExistingKeyAgainRefreshesItsWriteTime() throws IOException {
        Path source = Files.writeString(scratch.resolve("source"), "same");
        blobs.put(KEY, source);
        blobs.put(KEY + ".metadata", "same".getBytes(StandardCharsets.UTF_8));
        Instant first = clock.instant();
        clock.advance(Duration.ofHours(2));

        blobs.put(KEY, source);
        blobs.put(KEY + ".metadata", "same".getBytes(StandardCharsets.UTF_8));

        assertThat(blobs.info(KEY).orElseThrow().lastModified()).isEqualTo(first.plus(Duration.ofHours(2)));
        assertThat(blobs.info(KEY + ".metadata").orElseThrow().lastModified())
                .isEqualTo(first.plus(Duration.ofHours(2)));
        assertThat(read(blobs.open(KEY).orElseThrow(), 0, 4)).isEqualTo("same");
    }

    @Test
    void deletedBlobsAreGone() throws IOException {
        blobs.put(KEY, new byte[] {1});
        blobs.delete(KEY);
        assertThat(blobs.open(KEY)).isEmpty();
    }

    @Test
    void listsEveryBlobWithItsSize() throws IOException {
        blobs.put(KEY, new byte[] {1, 2, 3});
        blobs.put("11/22/33/other-2.0-py3-none-any.whl", new byte[] {1});
        List<BlobStore.BlobInfo> listed = new ArrayList<>();
        blobs.list(listed::add);
        assertThat(listed).extracting(BlobStore.BlobInfo::key, BlobStore.BlobInfo::size)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(KEY, 3L),
                        org.assertj.core.groups.Tuple.tuple("11/22/33/other-2.0-py3-none-any.whl", 1L));
    }

    @Test
    void aBlobCanBeReadFromAnyOffsetIncludingNothingAtTheEnd() throws IOException {
        blobs.put(KEY, "0123456789".getBytes(StandardCharsets.UTF_8));
        BlobStore.Blob blob = blobs.open(KEY).orElseThrow();
        assertThat(read(blob, 9, 1)).isEqualTo("9");
        assertThat(read(blob, 10, 0)).isEmpty();
    }

    @Test
    void offersNoRedirectUnlessSetUpForIt() throws IOException {
        blobs.put(KEY, new byte[] {1});
        assertThat(blobs.redirect(KEY, "application/octet-stream")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/../../escape", "/absolute", "a//b", "a/./b", "a\\b", "a/b/", "", "a\u0000b"})
    void refusesKeysThatAreNotSafeRelativePaths(String key) {
        assertThatThrownBy(() -> blobs.put(key, new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.redirect(key, "text/plain")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String read(BlobStore.Blob blob, long offset, long length) throws IOException {
        try (InputStream in = blob.read(offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
