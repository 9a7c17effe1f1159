package dev.cheeseshop.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where distribution files and their extracted METADATA live, under content-addressed keys such
 * as {@code ab/cd/ef01.../foo-1.0-py3-none-any.whl}. Because a key names its content, writing
 * the same key twice is harmless, and a blob is written before the transaction that refers to it
 * commits. A blob no file row refers to is an orphan: never served, removed by the reconciler.
 *
 * <p>Every blob has a write time, the instant (from the store's injected clock) of the last put
 * of its key. A put refreshes it even when the key already held the same bytes: the reconciler
 * leaves blobs written within its grace period alone, and an upload of bytes that an earlier,
 * failed upload left behind must count as a new write (see {@link Reconciler}). {@link #info} answers
 * it; a listing may carry the backend's own time instead (see {@link #list}).
 *
 * <p>Implementations: {@code store.blob} (filesystem, S3). All pass {@code BlobStoreContract}.
 */
public interface BlobStore {

    /**
     * Keys under this prefix are the server's own, never a client's: the readiness probe writes
     * and deletes one ({@code health.Readiness}). A content-addressed key starts with two hex
     * digits, so none can fall under it, and the {@link Reconciler} leaves these keys alone.
     */
    String RESERVED_PREFIX = ".cheeseshop/";

    /** Whether {@code key} is one of the server's own ({@link #RESERVED_PREFIX}), not a blob of the index. */
    static boolean isReserved(String key) {
        return key.startsWith(RESERVED_PREFIX);
    }

    /**
     * Stores a copy of {@code source} at {@code key}, with the clock's current instant as its write
     * time, also when the key exists already. Readers see the whole blob or none of it.
     */
    void put(String key, Path source) throws IOException;

    /** As {@link #put(String, Path)}, from bytes in memory. */
    void put(String key, byte[] content) throws IOException;

    Optional<Blob> open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** The blob's size and write time as they are now, or empty when there is no blob at the key. */
    Optional<BlobInfo> info(String key) throws IOException;

    /** Deletes the blob; no error when it is already gone. */
    void delete(String key) throws IOException;

    /**
     * Every blob, in no particular order, for the reconciler. Each carries its key and size, and as
     * its {@code lastModified} the write time where the backend lists it (files), or else the
     * backend's own modification time (S3 lists its {@code LastModified}, from the server's clock,
     * not the store's). Age is judged by {@link #info}, never by a listing.
     */
    void list(Consumer<BlobInfo> sink) throws IOException;

    /**
     * A short-lived URL from which a client may fetch the blob itself, answered with
     * {@code contentType}, when the store is set up to send clients there ({@code --blob-redirect});
     * empty otherwise, and always for stores that cannot (files).
     */
    default Optional<URI> redirect(String key, String contentType) throws IOException {
        checkKey(key);
        return Optional.empty();
    }

    /** A stored blob, ready to be read whole or in part. */
    interface Blob {
        long size();

        /** The bytes from {@code offset}, {@code length} of them. */
        InputStream read(long offset, long length) throws IOException;
    }

    /**
     * A blob's key, size and write time ({@code lastModified}: the instant of the last put of the
     * key; in a listing, see {@link #list}).
     */
    record BlobInfo(String key, long size, Instant lastModified) {}

    /** Keys are relative paths of safe segments: never absolute, never {@code ..}, never a backslash. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024 || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid blob key: " + key);
            }
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException("invalid blob key: " + key);
            }
        }
        return key;
    }
}
