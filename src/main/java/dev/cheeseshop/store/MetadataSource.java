package dev.cheeseshop.store;

import dev.cheeseshop.model.MetadataDigests;
import java.io.IOException;

/**
 * Reads a stored wheel's METADATA again, so that the {@link Reconciler} can write a missing
 * METADATA blob (served beside the wheel for PEP 658) exactly as the upload wrote it. The
 * implementation reads the wheel as an upload reads its file ({@code upload.WheelMetadataSource},
 * wired by {@code app}); the reconciler writes the bytes only when their digests are the ones
 * the file row holds.
 */
@FunctionalInterface
public interface MetadataSource {
    /** Rebuilds nothing: for reconcilers that only remove blobs, and tests of that. */
    MetadataSource NONE = (wheel, filename) -> {
        throw new Unreadable("this reconciler does not read wheels");
    };

    /**
     * The METADATA of the wheel in {@code wheel}, stored as {@code filename}, with its digests.
     * Streams the blob (never wholly in memory).
     *
     * @throws Unreadable when the blob is no sound wheel or has no METADATA
     * @throws IOException when the blob cannot be read
     */
    Extracted extract(BlobStore.Blob wheel, String filename) throws IOException, Unreadable;

    /** A wheel's METADATA, verbatim, and its SHA-256 and BLAKE2b-256. */
    record Extracted(byte[] metadata, MetadataDigests digests) {}

    /** The blob holds no METADATA that can be read; the message says why, in one line. */
    final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
