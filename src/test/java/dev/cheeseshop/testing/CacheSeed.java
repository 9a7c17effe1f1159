package dev.cheeseshop.testing;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes an index with something in the proxy's cache straight through the store ports, without a
 * server: a local project's sdist (its row and blob, the digests computed here from the bytes),
 * and a cached upstream project whose file keeps its bytes at its key under {@code upstream/}.
 */
public final class CacheSeed {
    private CacheSeed() {}

    /** A local sdist of {@code project} 1.0 with {@code content}; answers its blob's key. */
    public static String localSdist(MetadataStore store, BlobStore blobs, String project, String content, Instant at)
            throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String filename = project + "-1.0.tar.gz";
        String path = Seed.digests(bytes).storagePath(filename);
        blobs.put(path, bytes);
        store.write((Transaction tx) -> {
            long projectId = tx.projects().insert(ProjectName.of(project), at).id();
            long release = tx.releases().insert(projectId, "1.0", "1", ReleaseMetadata.EMPTY, at).id();
            return tx.files().insert(new DistFile(0, release, filename, PackageType.sdist, "source", bytes.length,
                    Seed.digests(bytes), null, at, path, null, null));
        });
        return path;
    }

    /** An upstream file of {@code project} 1.0 holding {@code content}, as a page lists it. */
    public static UpstreamFile upstreamFile(String project, String content) {
        String filename = project + "-1.0.tar.gz";
        return new UpstreamFile(filename, URI.create("https://upstream.example.org/files/" + filename),
                Optional.of(Seed.sha256(content.getBytes(StandardCharsets.UTF_8))), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Caches the upstream page of {@code project} listing its one file, and keeps that file's bytes
     * at its key (the blob written, then recorded); answers the key.
     */
    public static String cachedSdist(MetadataStore store, BlobStore blobs, String project, String content, Instant at)
            throws IOException {
        UpstreamFile file = upstreamFile(project, content);
        String key = dev.cheeseshop.store.UpstreamStore.keyOf(file);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        blobs.put(key, bytes);
        store.write((Transaction tx) -> {
            tx.upstream().savePage(new UpstreamPage(project, project, Optional.empty(), OptionalLong.empty(),
                    List.of(file)), at);
            long id = tx.upstream().file(project, file.filename()).orElseThrow().id();
            return tx.upstream().fileKept(id, false, key, bytes.length, at);
        });
        return key;
    }
}
