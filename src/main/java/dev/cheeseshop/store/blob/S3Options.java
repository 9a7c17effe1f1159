package dev.cheeseshop.store.blob;

import java.time.Duration;
import java.util.Optional;

/**
 * How an {@link S3BlobStore} splits puts and whether it sends clients to presigned URLs.
 *
 * @param multipartThreshold files larger than this go up in parts
 * @param partSize           the size of every part but the last (S3: 5 MiB to 5 GiB)
 * @param redirectFor        how long a presigned URL is valid; empty: no redirects
 */
public record S3Options(long multipartThreshold, long partSize, Optional<Duration> redirectFor) {
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    /** Parts of 16 MiB above 16 MiB, no redirects. */
    public static final S3Options DEFAULT = new S3Options(16L * 1024 * 1024, 16L * 1024 * 1024, Optional.empty());

    public S3Options {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size " + partSize + " outside S3's 5 MiB to 5 GiB");
        }
        if (multipartThreshold < 0) {
            throw new IllegalArgumentException("negative multipart threshold");
        }
        redirectFor.ifPresent(d -> {
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("a presigned URL lives more than 0 and at most 7 days");
            }
        });
    }

    public S3Options withRedirects(Duration validFor) {
        return new S3Options(multipartThreshold, partSize, Optional.of(validFor));
    }
}
