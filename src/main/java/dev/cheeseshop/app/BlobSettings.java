package dev.cheeseshop.app;

import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.blob.S3BlobStore;
import dev.cheeseshop.store.blob.S3Options;
import dev.cheeseshop.store.blob.S3Location;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Where distribution files live: under the data directory (the default), or in an S3 bucket, and
 * then whether downloads are answered with a redirect to a presigned URL.
 *
 * @param s3       the bucket, prefix and service; empty means files under the data directory
 * @param redirect answer downloads with a 302 to a URL valid {@link #REDIRECT_VALIDITY} (S3 only)
 */
public record BlobSettings(Optional<S3Location> s3, boolean redirect) {
    /** Files under the data directory. */
    public static final BlobSettings LOCAL = new BlobSettings(Optional.empty(), false);
    /** How long a presigned download URL is valid: enough to start a download, short enough not to share. */
    public static final Duration REDIRECT_VALIDITY = Duration.ofMinutes(5);

    public BlobSettings {
        if (redirect && s3.isEmpty()) {
            throw new IllegalArgumentException("--blob-redirect needs --blobs s3://BUCKET[/PREFIX]");
        }
    }

    /**
     * The blob store: files under {@code packages}, or the bucket, reached with credentials from
     * the SDK's default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the AWS profile)
     * and checked at once, so that a wrong bucket or missing credentials fail the start.
     */
    BlobStore open(Path packages, Clock clock) throws IOException {
        if (s3.isEmpty()) {
            return new FilesystemBlobStore(packages, clock);
        }
        S3Options options = redirect ? S3Options.DEFAULT.withRedirects(REDIRECT_VALIDITY)
                : S3Options.DEFAULT;
        S3BlobStore store = S3BlobStore.connect(s3.get(), DefaultCredentialsProvider.builder().build(), clock, options);
        try {
            store.checkBucket();
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Where the files are, for the start-up line: never a secret. */
    String describe(Path packages) {
        return s3.map(S3Location::toString).orElse(packages.toAbsolutePath().normalize().toString());
    }
}
