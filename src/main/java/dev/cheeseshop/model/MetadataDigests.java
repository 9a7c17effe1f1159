package dev.cheeseshop.model;

import java.util.Objects;

/** SHA-256 and BLAKE2b-256 (hex) of a wheel's METADATA file, served as {@code <file>.metadata} (PEP 658). */
public record MetadataDigests(String sha256, String blake2b256) {
    public MetadataDigests {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(blake2b256, "blake2b256");
    }
}
