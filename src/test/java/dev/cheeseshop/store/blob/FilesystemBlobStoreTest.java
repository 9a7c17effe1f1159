package dev.cheeseshop.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.BlobStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FilesystemBlobStoreTest extends BlobStoreContract {
    @Override
    protected BlobStore newStore(Clock clock) throws IOException {
        return new FilesystemBlobStore(scratch.resolve("packages"), clock);
    }

    @Test
    void blobsLiveAtTheirKeyUnderTheRootLikePypi() throws IOException {
        blobs.put(KEY, new byte[] {42});
        assertThat(Files.readAllBytes(scratch.resolve("packages").resolve(KEY))).containsExactly(42);
    }

    /** The file system keeps the write time itself, so its listing carries the clock's time too. */
    @Test
    void listingCarriesTheWriteTime() throws IOException {
        blobs.put(KEY, new byte[] {1, 2, 3});
        java.util.List<BlobStore.BlobInfo> listed = new java.util.ArrayList<>();
        blobs.list(listed::add);
        assertThat(listed).containsExactly(new BlobStore.BlobInfo(KEY, 3, clock.instant()));
    }

    @Test
    void nothingIsLeftInTheIncomingFolder() throws IOException {
        blobs.put(KEY, new byte[] {42});
        try (var entries = Files.list(scratch.resolve("packages/.incoming"))) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void deletingTheLastBlobOfADirectoryRemovesTheEmptyDirectories() throws IOException {
        blobs.put(KEY, new byte[] {42});
        blobs.delete(KEY);
        assertThat(Files.exists(scratch.resolve("packages/ab"))).isFalse();
        assertThat(Files.exists(scratch.resolve("packages"))).isTrue();
    }

    @Test
    void theIncomingFolderIsNotAValidKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> blobs.put(".incoming/x", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listingSkipsIncomingFiles() throws IOException {
        Files.writeString(scratch.resolve("packages/.incoming/half.part"), "half");
        java.util.List<BlobStore.BlobInfo> listed = new java.util.ArrayList<>();
        blobs.list(listed::add);
        assertThat(listed).isEmpty();
    }
}
