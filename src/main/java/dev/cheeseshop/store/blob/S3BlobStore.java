package dev.cheeseshop.store.blob;

import dev.cheeseshop.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects in an S3 bucket (AWS or any S3-compatible server), under an optional key
 * prefix, at the same content-addressed keys as {@link FilesystemBlobStore}'s paths. S3 replaces
 * an object atomically, so readers see a whole blob or none. The store owns every object under
 * its prefix (the whole bucket without one): the reconciler removes those no file row names, so
 * two indexes may share a bucket only under disjoint, non-empty prefixes.
 *
 * <p>A put streams from the file: one PUT up to the multipart threshold, above it a multipart
 * upload whose parts are read from the file one at a time ({@link MultipartPut}), aborted when
 * any step fails. A read is a ranged GET streamed to the caller.
 *
 * <p><b>Write times.</b> S3's {@code LastModified} comes from the server's clock, not from the
 * store's injected one, so every put records the clock's instant in the object's user metadata
 * ({@value #WRITTEN_HEADER}), and {@link #info} (a HEAD) answers that; an object without it
 * (written by another tool) falls back to {@code LastModified}. {@link #list} pages through
 * ListObjectsV2, which cannot return user metadata: asking each object with a HEAD would cost one
 * request per blob, millions at PyPI's size, on every reconciler pass. So the listing carries S3's
 * {@code LastModified}, as the port allows, and the reconciler judges age only by {@code info()}
 * (see {@code Reconciler}): one HEAD per blob that no file row names, which are few.
 *
 * <p>{@link #redirect} presigns a GET valid for the configured time when redirects are on.
 * A signature's time is the real time (the SDK's clock): the server checks it against its own.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    /** User metadata holding a blob's write time, ISO-8601 ({@code x-amz-meta-cheeseshop-written}). */
    static final String WRITTEN = "cheeseshop-written";
    static final String WRITTEN_HEADER = "x-amz-meta-" + WRITTEN;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3Location location;
    private final Clock clock;
    private final S3Options options;

    private S3BlobStore(S3Client s3, S3Presigner presigner, S3Location location, Clock clock, S3Options options) {
        this.s3 = s3;
        this.presigner = presigner;
        this.location = location;
        this.clock = clock;
        this.options = options;
    }

    /** A store over {@code location}; the bucket must exist. Close it to release its connections. */
    public static S3BlobStore connect(S3Location location, AwsCredentialsProvider credentials, Clock clock,
            S3Options options) {
        return connect(location, credentials, clock, options, ClientOverrideConfiguration.builder().build());
    }

    /** As above, with the SDK's client settings (for tests: an interceptor that watches the requests). */
    static S3BlobStore connect(S3Location location, AwsCredentialsProvider credentials, Clock clock, S3Options options,
            ClientOverrideConfiguration overrides) {
        S3Client client = S3Clients.client(location, credentials, overrides);
        S3Presigner presigner = options.redirectFor().isPresent() ? S3Clients.presigner(location, credentials) : null;
        return new S3BlobStore(client, presigner, location, clock, options);
    }

    public S3Location location() {
        return location;
    }

    /** Fails unless the bucket exists and the credentials may use it: at start-up, not at the first upload. */
    public void checkBucket() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(location.bucket()));
        } catch (S3Exception e) {
            String why = switch (e.statusCode()) {
                case 404 -> "no such bucket";
                case 301, 400 -> "wrong region or addressing (see --s3-region and --s3-path-style)";
                case 401, 403 -> "access denied: check the AWS credentials";
                default -> "status " + e.statusCode();
            };
            throw new IOException("cannot use " + location + ": " + why, e);
        } catch (SdkException e) {
            throw new IOException("cannot use " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, Path source) throws IOException {
        String object = objectKey(key);
        long size = Files.size(source);
        Map<String, String> metadata = written();
        if (size > options.multipartThreshold()) {
            new MultipartPut(s3, location.bucket(), object, metadata, options.partSize()).upload(source, size);
            return;
        }
        call("PUT", key, () -> s3.putObject(b -> b.bucket(location.bucket()).key(object).metadata(metadata)
                .contentLength(size), RequestBody.fromFile(source)));
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        String object = objectKey(key);
        Map<String, String> metadata = written();
        call("PUT", key, () -> s3.putObject(b -> b.bucket(location.bucket()).key(object).metadata(metadata)
                .contentLength((long) content.length), RequestBody.fromBytes(content)));
    }

    private Map<String, String> written() {
        return Map.of(WRITTEN, clock.instant().toString());
    }

    @Override
    public Optional<Blob> open(String key) throws IOException {
        String object = objectKey(key);
        Optional<HeadObjectResponse> head = head(key, object);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long size = head.get().contentLength();
        return Optional.of(new Blob() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream read(long offset, long length) throws IOException {
                if (offset < 0 || length < 0 || offset + length > size) {
                    throw new IllegalArgumentException("range " + offset + "+" + length + " outside a blob of " + size);
                }
                if (length == 0) {
                    return new ByteArrayInputStream(new byte[0]);
                }
                String range = "bytes=" + offset + "-" + (offset + length - 1);
                InputStream in = call("GET", key, () -> s3.getObject(b -> b.bucket(location.bucket()).key(object)
                        .range(range)));
                return new BoundedInputStream(in, length);
            }
        });
    }

    @Override
    public boolean exists(String key) throws IOException {
        return head(key, objectKey(key)).isPresent();
    }

    @Override
    public Optional<BlobInfo> info(String key) throws IOException {
        return head(key, objectKey(key)).map(h -> new BlobInfo(key, h.contentLength(), writeTime(h)));
    }

    /** The write time a put recorded, or S3's own time for an object written some other way. */
    private static Instant writeTime(HeadObjectResponse head) {
        String written = head.metadata().get(WRITTEN);
        if (written != null) {
            try {
                return Instant.parse(written);
            } catch (DateTimeException e) {
                // not ours after all: S3's time below
            }
        }
        return head.lastModified();
    }

    @Override
    public void delete(String key) throws IOException {
        String object = objectKey(key);
        call("DELETE", key, () -> s3.deleteObject(b -> b.bucket(location.bucket()).key(object)));
    }

    /** Every object under the prefix whose key is a valid blob key, with S3's {@code LastModified}. */
    @Override
    public void list(Consumer<BlobInfo> sink) throws IOException {
        call("LIST", location.prefix(), () -> {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket())
                    .prefix(location.prefix())).contents()) {
                String key = object.key().substring(location.prefix().length());
                if (isBlobKey(key)) {
                    sink.accept(new BlobInfo(key, object.size(), object.lastModified()));
                }
            }
            return null;
        });
    }

    private static boolean isBlobKey(String key) {
        try {
            BlobStore.checkKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // not one of ours: never listed, so never removed
        }
    }

    /** A presigned GET of the blob, answered with {@code contentType}, when redirects are on. */
    @Override
    public Optional<URI> redirect(String key, String contentType) throws IOException {
        String object = objectKey(key);
        if (presigner == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(options.redirectFor().get())
                    .getObjectRequest(g -> g.bucket(location.bucket()).key(object).responseContentType(contentType)))
                    .url().toURI());
        } catch (SdkException | URISyntaxException e) {
            throw new IOException("cannot presign a GET of " + key + " in " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
        if (presigner != null) {
            presigner.close();
        }
    }

    private String objectKey(String key) {
        return location.objectKey(BlobStore.checkKey(key));
    }

    private Optional<HeadObjectResponse> head(String key, String object) throws IOException {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(location.bucket()).key(object)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("HEAD", key, e);
        } catch (SdkException e) {
            throw failure("HEAD", key, e);
        }
    }

    /** An SDK call whose failures become IOExceptions that name the operation, key and location. */
    private <T> T call(String operation, String key, SdkCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw failure(operation, key, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private IOException failure(String operation, String key, SdkException e) {
        return new IOException("S3 " + operation + " of " + key + " in " + location + " failed: " + e.getMessage(), e);
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run() throws IOException;
    }
}
