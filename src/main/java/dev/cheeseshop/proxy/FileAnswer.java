package dev.cheeseshop.proxy;

import dev.cheeseshop.store.BlobStore;
import java.util.OptionalLong;

/**
 * What the proxy answers for an upstream file (or its METADATA). Every answer that serves bytes
 * carries the sha256 the upstream's page gave, which is the file's strong ETag, and its content
 * type.
 */
public sealed interface FileAnswer {
    /** Kept in the blob store at {@code key}, open as {@code blob}: served from there. */
    record Kept(String key, BlobStore.Blob blob, String sha256, String contentType, boolean download)
            implements FileAnswer {}

    /**
     * On its way from the upstream: follow {@code fetch}; {@code length} is the size the page
     * gave, when it gave one.
     */
    record Fetching(FileFetch fetch, String sha256, OptionalLong length, String contentType, boolean download)
            implements FileAnswer {}

    /** Not served: 404 with {@code message}; {@code policy} is the debug header's line, or empty. */
    record Missing(String message, String policy) implements FileAnswer {}

    /** Not kept, and the upstream cannot be asked: 502 with {@code message}. */
    record Unavailable(String message) implements FileAnswer {}
}
