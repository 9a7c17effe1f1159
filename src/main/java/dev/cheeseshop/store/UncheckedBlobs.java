package dev.cheeseshop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link BlobStore} calls for use inside a metadata transaction's lambda, which cannot throw
 * {@link IOException}: each failure is rethrown as an {@link UncheckedIOException}, which the
 * caller unwraps once the transaction has rolled back.
 */
final class UncheckedBlobs {
    private UncheckedBlobs() {}

    static boolean exists(BlobStore blobs, String key) {
        try {
            return blobs.exists(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<BlobStore.BlobInfo> info(BlobStore blobs, String key) {
        try {
            return blobs.info(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(BlobStore blobs, String key, byte[] content) {
        try {
            blobs.put(key, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(BlobStore blobs, String key, Path staged) {
        try {
            blobs.put(key, staged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(BlobStore blobs, String key) {
        try {
            blobs.delete(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
