package dev.cheeseshop.proxy;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UpstreamBlobs;
import dev.cheeseshop.store.UpstreamStore;
import dev.cheeseshop.store.UpstreamStore.CachedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream file (or its METADATA) under {@code /packages/upstream/<project>/<filename>}, in
 * small steps: the project is not shadowed by a local one; the policy allows the project; the
 * file is on the project's cached page (fetching the page when it is not cached); it can be
 * checked (a sha256) and the policy allows it. Then it is served from the blob store when kept;
 * else one fetch per file in this process, however many clients ask ({@link FileFetch}), which
 * every client follows as it arrives, and which is kept only when its sha256 matches the page's.
 */
public final class ProxyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyFiles.class);
    private static final String METADATA_SUFFIX = ".metadata";
    static final String DIST_TYPE = "application/octet-stream";
    static final String METADATA_TYPE = "text/plain; charset=utf-8";

    private final MetadataStore store;
    private final BlobStore blobs;
    private final UpstreamBlobs kept;
    private final Upstream upstream;
    private final ProxyPolicy policy;
    private final ProxyPages pages;
    private final Clock clock;
    private final Path staging;
    private final Executor fetchers;
    private final UseTracker uses;
    private final CacheBound bound;
    private final ProxyEvents events;
    private final ConcurrentHashMap<String, FileFetch> fetching = new ConcurrentHashMap<>();

    /** {@code staging}: where files arriving are written (the data directory's {@code tmp}); {@code fetchers} run the downloads. */
    public ProxyFiles(MetadataStore store, BlobStore blobs, Upstream upstream, ProxyPolicy policy, ProxyPages pages,
            Clock clock, Path staging, Executor fetchers, UseTracker uses, CacheBound bound, ProxyEvents events) {
        this.store = store;
        this.blobs = blobs;
        this.kept = new UpstreamBlobs(store, blobs);
        this.upstream = upstream;
        this.policy = policy;
        this.pages = pages;
        this.clock = clock;
        this.staging = staging;
        this.fetchers = fetchers;
        this.uses = uses;
        this.bound = bound;
        this.events = events;
    }

    /** What to answer for {@code /packages/upstream/<normalizedName>/<name>}. */
    public FileAnswer file(String normalizedName, String name) {
        boolean metadata = name.endsWith(METADATA_SUFFIX);
        String filename = metadata ? name.substring(0, name.length() - METADATA_SUFFIX.length()) : name;
        if (pages.shadowed(normalizedName)) {
            return new FileAnswer.Missing(ProxyPages.NOT_FOUND, "");
        }
        ProxyPolicy.Decision byName = policy.project(normalizedName);
        if (!byName.allowed()) {
            return new FileAnswer.Missing(ProxyPages.NOT_FOUND, PolicyHeader.denied(byName));
        }
        Optional<CachedFile> cached = store.read(tx -> tx.upstream().file(normalizedName, filename));
        if (cached.isEmpty()) {
            pages.page(normalizedName); // a purged or never-fetched page: fetch it, then look again
            cached = store.read(tx -> tx.upstream().file(normalizedName, filename));
        }
        if (cached.isEmpty() || ProxyView.servable(normalizedName, cached.get().file()).isEmpty()) {
            return new FileAnswer.Missing(ProxyPages.NOT_FOUND, "");
        }
        UpstreamFile file = cached.get().file();
        ProxyPolicy.Decision decision = policy.file(normalizedName, file, clock.instant());
        if (!decision.allowed()) {
            PolicyHeader.Hidden hidden = new PolicyHeader.Hidden();
            hidden.add(decision);
            return new FileAnswer.Missing(ProxyPages.NOT_FOUND, hidden.header());
        }
        if (metadata && file.metadataSha256().isEmpty()) {
            return new FileAnswer.Missing(ProxyPages.NOT_FOUND, "");
        }
        return metadata ? serve(cached.get(), true) : serve(cached.get(), false);
    }

    private FileAnswer serve(CachedFile cached, boolean metadata) {
        UpstreamFile file = cached.file();
        String sha256 = metadata ? file.metadataSha256().get() : file.sha256().get();
        String contentType = metadata ? METADATA_TYPE : DIST_TYPE;
        Optional<String> key = metadata ? cached.metadataKey() : cached.key();
        Optional<BlobStore.Blob> blob = key.isPresent() ? open(key.get()) : Optional.empty();
        if (blob.isPresent()) {
            uses.used(cached.id());
            events.file("kept");
            return new FileAnswer.Kept(key.get(), blob.get(), sha256, contentType, !metadata);
        }
        String newKey = key(file, metadata);
        OptionalLong length = metadata ? OptionalLong.empty() : file.size();
        FileFetch mine;
        try {
            mine = new FileFetch(Files.createTempFile(staging, "upstream-", ".part"), sha256, length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FileFetch theirs = fetching.putIfAbsent(newKey, mine);
        if (theirs != null) {
            mine.fail(new IOException("not started")); // deletes its staging file
            events.file("joined");
            return new FileAnswer.Fetching(theirs, sha256, length, contentType, !metadata);
        }
        events.file("fetched");
        fetchers.execute(() -> fetch(mine, newKey, cached, metadata));
        return new FileAnswer.Fetching(mine, sha256, length, contentType, !metadata);
    }

    private void fetch(FileFetch fetch, String key, CachedFile cached, boolean metadata) {
        UpstreamFile file = cached.file();
        try (Upstream.Download download = upstream.open(metadata ? file.metadataUrl() : file.url())) {
            fetch.run(download.body(), (staged, size) -> {
                // False when the file left its page meanwhile: the clients still get the checked bytes.
                if (kept.keep(cached.id(), metadata, key, staged, size, clock.instant())) {
                    uses.used(cached.id());
                    // Before the clients get the last byte: once a download completes, the bound holds.
                    enforceBound(size);
                }
            });
        } catch (UpstreamUnavailable | IOException | RuntimeException e) {
            fetch.fail(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        } finally {
            fetching.remove(key, fetch);
        }
        IOException failure = fetch.failure();
        if (failure != null) {
            events.file("failed");
            LOG.warn("upstream file {} not kept: {}", file.filename(), failure.getMessage());
        }
    }

    private void enforceBound(long size) {
        try {
            bound.kept(size);
        } catch (RuntimeException e) {
            LOG.warn("upstream cache: eviction failed: {}", e.getMessage());
        }
    }

    /** Where a checked upstream file is kept: by its sha256, under the cache's prefix, never a local file's key. */
    static String key(UpstreamFile file, boolean metadata) {
        return metadata ? UpstreamStore.metadataKeyOf(file) : UpstreamStore.keyOf(file);
    }

    /** The kept blob; empty when it has gone (the reconciler forgets such rows): fetched again. */
    private Optional<BlobStore.Blob> open(String key) {
        try {
            return blobs.open(key);
        } catch (IOException e) {
            LOG.warn("upstream cache: kept blob {} cannot be opened, fetching it again: {}", key, e.getMessage());
            return Optional.empty();
        }
    }
}
