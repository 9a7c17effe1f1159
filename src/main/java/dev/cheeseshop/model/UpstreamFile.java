package dev.cheeseshop.model;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file as the upstream's Simple API page lists it (PEP 503 HTML or PEP 691 JSON), before any
 * policy. {@code url} is absolute (resolved against the page's URL, fragment removed).
 * {@code sha256} is the hash the upstream gives (lower-case hex), empty when it gives none; such a
 * file can never be checked, so it is never served. {@code size} and {@code uploadTime} (PEP 700)
 * come only from JSON pages. {@code yanked}: empty when not yanked, else the reason (possibly
 * empty), PEP 592. {@code metadataSha256}: present when the upstream serves the file's core
 * metadata (PEP 658/714) with a sha256; metadata offered without a hash is treated as not offered.
 */
public record UpstreamFile(
        String filename,
        URI url,
        Optional<String> sha256,
        OptionalLong size,
        Optional<Instant> uploadTime,
        Optional<String> requiresPython,
        Optional<String> yanked,
        Optional<String> metadataSha256) {

    public UpstreamFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(uploadTime, "uploadTime");
        Objects.requireNonNull(requiresPython, "requiresPython");
        Objects.requireNonNull(yanked, "yanked");
        Objects.requireNonNull(metadataSha256, "metadataSha256");
    }

    /** The URL of the file's core metadata, PEP 658: the file's URL with {@code .metadata} appended. */
    public URI metadataUrl() {
        return URI.create(url.toString() + ".metadata");
    }
}
