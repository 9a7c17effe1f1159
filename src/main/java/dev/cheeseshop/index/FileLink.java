package dev.cheeseshop.index;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file as the Simple API shows it. {@code path} is the file's storage path (the URL is
 * {@code /packages/<path>}); {@code yanked} is empty unless the release is yanked, then the reason
 * (possibly empty); {@code metadataSha256} is present when the wheel's METADATA is served beside it.
 * {@code size} and {@code uploadTime} (PEP 700) are always known for a local file; a file proxied
 * from an upstream that did not give them has none, and its JSON entry leaves them out.
 */
public record FileLink(
        String filename,
        String path,
        String version,
        String sha256,
        OptionalLong size,
        Optional<Instant> uploadTime,
        Optional<String> requiresPython,
        Optional<String> yanked,
        Optional<String> metadataSha256) {}
