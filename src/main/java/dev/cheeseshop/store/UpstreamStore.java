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

    /**
     * The key at which the bytes of {@code file}, which must have a sha256, are kept:
     * {@code upstream/<sha256>/<filename>}. A filename holding a {@code /} or a control
     * character, or none at all, has no key ({@link IllegalArgumentException}).
     */
    static String keyOf(UpstreamFile file) {
        String sha256 = file.sha256().orElseThrow(() -> new IllegalArgumentException(
                "a file without a sha256 is never kept: " + file.filename()));
        if (!sha256.matches("[0-9a-f]{64}") || file.filename().contains("/")) {
            throw new IllegalArgumentException("no blob key for " + file.filename());
        }
        return BlobStore.checkKey(KEY_PREFIX + sha256 + "/" + file.filename());
    }

    /** The key at which the METADATA of {@code file} is kept: its {@link #keyOf key} and {@code .metadata}. */
    static String metadataKeyOf(UpstreamFile file) {
        return keyOf(file) + ".metadata";
    }

    /** The project's cached page, or empty when it was never fetched (or was purged). */
    Optional<CachedPage> page(String normalizedName);

    /**
     * Which cached page of the project is current, without reading it: its row and when it was
     * last fetched or confirmed. Every change of the page ({@link #savePage}, {@link #confirmPage},
     * {@link #purge}) changes it. Empty when none is cached. One read of one row, by its index.
     */
    Optional<PageVersion> version(String normalizedName);

    /** A cached page's identity: its row and when it was fetched or confirmed. */
    record PageVersion(long id, Instant fetchedAt) {}

    /**
     * Replaces the project's cached page with {@code page}, confirmed at {@code fetchedAt}. Files
     * the new page still lists with the same sha256 keep their row (and id), blob and use, with
     * what the page now says of them (yanked, the order, ...); their kept METADATA only while the
     * page gives the same metadata sha256. The others are dropped, and the keys of their blobs
     * (and of METADATA no longer matching) returned for the caller to delete after the commit
     * ({@link UpstreamBlobs#delete}, which keeps a key another row still names). A filename the
     * page lists twice is taken at its first place. Concurrent saves of one project run one
     * after the other (the project's row is written first).
     */
    List<String> savePage(UpstreamPage page, Instant fetchedAt);

    /** A 304 from the upstream: the cached page is current as of {@code fetchedAt}. */
    void confirmPage(String normalizedName, Instant fetchedAt);

    /** One file of a cached page, by its filename. */
    Optional<CachedFile> file(String normalizedName, String filename);

    /**
     * Records that the file's bytes (or its METADATA, {@code metadata} true) are kept at
     * {@code key} (under {@link #KEY_PREFIX}, else {@link IllegalArgumentException}), {@code size}
     * bytes, used at {@code at}; answers false, recording nothing, when the row is gone (its page
     * was saved again without it, or purged). Call it through {@link UpstreamBlobs#keep}, which
     * makes sure the blob exists under the journal lock.
     */
    boolean fileKept(long fileId, boolean metadata, String key, long size, Instant at);

    /**
     * Records uses of kept files, in a batch (never a write per download): file id and the last
     * use. A use older than the one recorded changes nothing; ids of rows gone are ignored.
     */
    void used(java.util.Map<Long, Instant> lastUse);

    /** The bytes of every kept file and METADATA (a key two rows name counts twice). */
    long keptBytes();

    /**
     * Up to {@code limit} kept blobs, least recently used first (a file's bytes before its
     * METADATA, ties by file id).
     */
    List<KeptBlob> leastRecentlyUsed(int limit);

    /**
     * Forgets that the blob at {@code key} is kept, by every row that names it (as bytes or as
     * METADATA; the rows stay on their pages); the caller deletes it after the commit.
     */
    void forget(String key);

    /**
     * Forgets the project's cached page and files (all projects when {@code normalizedName} is
     * empty) and returns the keys of their kept blobs, for the caller to delete after the commit.
     */
    List<String> purge(Optional<String> normalizedName);

    /** Whether any cached file names {@code key}: the reconciler leaves such a blob alone. */
    boolean referencesBlob(String key);

    /**
     * Up to {@code limit} cached files that keep their bytes or METADATA, with ids above
     * {@code afterId}, in id order: the reconciler's walk over what the cache says it keeps.
     */
    List<CachedFile> keptAfter(long afterId, int limit);

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
