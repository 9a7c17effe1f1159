package dev.cheeseshop.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One multipart upload of a file to one object: parts of a fixed size read from the file in turn,
 * each through its own stream over a slice of the file (opened again if the SDK retries), so
 * memory holds a buffer, never a part. The object appears whole when the upload completes; if any
 * step fails, the upload is aborted so S3 keeps none of its parts, and the failure is thrown.
 */
final class MultipartPut {
    private static final Logger LOG = LoggerFactory.getLogger(MultipartPut.class);
    /** S3's limit on the parts of one upload. */
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final Map<String, String> metadata;
    private final long partSize;

    MultipartPut(S3Client s3, String bucket, String key, Map<String, String> metadata, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.metadata = metadata;
        this.partSize = partSize;
    }

    void upload(Path source, long size) throws IOException {
        if ((size + partSize - 1) / partSize > MAX_PARTS) {
            throw new IOException("a file of " + size + " bytes needs more than " + MAX_PARTS + " parts of " + partSize);
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).metadata(metadata)).uploadId();
        } catch (SdkException e) {
            throw new IOException("S3 multipart upload of " + key + " could not start: " + e.getMessage(), e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                parts.add(part(source, uploadId, number, offset, Math.min(partSize, size - offset)));
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException | Error e) {
            abort(uploadId, e);
            if (e instanceof UncheckedIOException unchecked) {
                throw new IOException("S3 multipart upload of " + key + " failed, aborted: "
                        + unchecked.getCause().getMessage(), unchecked.getCause());
            }
            if (e instanceof Error error) {
                throw error;
            }
            // The SDK's own failures, and its IllegalStateException when a part's stream ends early.
            throw new IOException("S3 multipart upload of " + key + " failed, aborted: " + e.getMessage(), e);
        }
    }

    private CompletedPart part(Path source, String uploadId, int number, long offset, long length) {
        RequestBody body = RequestBody.fromContentProvider(() -> slice(source, offset, length), length,
                "application/octet-stream");
        UploadPartResponse response = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(number).contentLength(length), body);
        return CompletedPart.builder().partNumber(number).eTag(response.eTag())
                .checksumCRC32(response.checksumCRC32()).checksumCRC32C(response.checksumCRC32C())
                .checksumCRC64NVME(response.checksumCRC64NVME()).checksumSHA1(response.checksumSHA1())
                .checksumSHA256(response.checksumSHA256()).build();
    }

    private static InputStream slice(Path source, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(source, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void abort(String uploadId, Throwable failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(e);
            LOG.warn("aborting the multipart upload of {} failed; the bucket's lifecycle rule for incomplete"
                    + " uploads must remove its parts: {}", key, e.getMessage());
        }
    }
}
