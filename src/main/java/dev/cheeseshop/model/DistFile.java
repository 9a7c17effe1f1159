package dev.cheeseshop.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored distribution file. {@code path} is its content-addressed storage path
 * ({@code ab/cd/<rest of blake2b>/<filename>}); the wheel METADATA, when there is one, sits beside
 * it at {@code path + ".metadata"}.
 */
public record DistFile(
        long id,
        long releaseId,
        String filename,
        PackageType packageType,
        String pythonVersion,
        long size,
        Digests digests,
        MetadataDigests metadataDigests,
        Instant uploadTime,
        String path,
        String commentText,
        String uploadedVia) {

    public Optional<MetadataDigests> metadata() {
        return Optional.ofNullable(metadataDigests);
    }

    public String metadataPath() {
        return path + ".metadata";
    }
}
