package dev.cheeseshop.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;

/** TEMPORARY stub until the cache store lands. */
public final class UpstreamBlobs {
    public UpstreamBlobs(MetadataStore store, BlobStore blobs) {}

    public void keep(long fileId, boolean metadata, String key, Path staged, long size, Instant at) throws IOException {
        throw new UnsupportedOperationException();
    }

    public void delete(Collection<String> keys) {}
}
