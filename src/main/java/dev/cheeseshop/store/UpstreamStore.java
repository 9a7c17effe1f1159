package dev.cheeseshop.store;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The proxy's cache of the upstream index, inside the metadata store's transactions: each upstream
 * project's last page (its files as the upstream listed them, with the upstream's ETag and serial
 * and when it was last confirmed), and for each file whether its bytes are kept in the blob store
 * (at a key under {@link #KEY_PREFIX}, never a local file's key), how big and when last used.
 * Nothing here is journaled: the journal is this index's own changes, and the upstream's are not.
 *
 * <p>A blob this cache names is never deleted by the reconciler: it is referenced exactly as a
 * local file's is (see {@link #referencesBlob}).
 */
public interface UpstreamStore {
    /** Where the upstream's files are kept in the blob store: {@code upstream/<sha256>/<filename>}. */
    String KEY_PREFIX = "upstream/";

    /** The project's cached page, or empty when it was never fetched (or was purged). */
    Optional<CachedPage> page(String normalizedName);

    /**
     * Replaces the project's cached page with {@code page}, confirmed at {@code fetchedAt}. Files
     * the new page still lists with the same sha256 keep their blob and use; the others are
     * dropped, and the keys of their blobs returned for the caller to delete after the commit.
     */
    List<String> savePage(UpstreamPage page, Instant fetchedAt);

    /** A 304 from the upstream: the cached page is current as of {@code fetchedAt}. */
    void confirmPage(String normalizedName, Instant fetchedAt);

    /** One file of a cached page, by its filename. */
    Optional<CachedFile> file(String normalizedName, String filename);

    /**
     * Records that the file's bytes (or its METADATA, {@code metadata} true) are kept at
     * {@code key}, {@code size} bytes, used at {@code at}.
     */
    void fileKept(long fileId, boolean metadata, String key, long size, Instant at);

    /** Records uses of kept files, in a batch (never a write per download): file id and the last use. */
    void used(java.util.Map<Long, Instant> lastUse);

    /** The bytes of every kept file and METADATA. */
    long keptBytes();

    /** Up to {@code limit} kept blobs, least recently used first. */
    List<KeptBlob> leastRecentlyUsed(int limit);

    /** Forgets that the blob at {@code key} is kept (its rows keep their pages); the caller deletes it after the commit. */
    void forget(String key);

    /**
     * Forgets the project's cached page and files (all projects when {@code normalizedName} is
     * empty) and returns the keys of their kept blobs, for the caller to delete after the commit.
     */
    List<String> purge(Optional<String> normalizedName);

    /** Whether any cached file names {@code key}: the reconciler leaves such a blob alone. */
    boolean referencesBlob(String key);

    /** A cached page: its files, the upstream's validators, when it was last confirmed. */
    record CachedPage(
            String normalizedName,
            String displayName,
            Optional<String> etag,
            OptionalLong serial,
            Instant fetchedAt,
            List<CachedFile> files) {}

    /**
     * A cached file: what the upstream listed ({@code file}), its row id, and the keys of its kept
     * bytes and METADATA when they are kept.
     */
    record CachedFile(long id, UpstreamFile file, Optional<String> key, Optional<String> metadataKey) {}

    /** A kept blob and when it was last used. */
    record KeptBlob(String key, long size, Instant lastUsed) {}
}
