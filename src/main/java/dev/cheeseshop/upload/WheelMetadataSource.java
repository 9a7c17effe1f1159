package dev.cheeseshop.upload;

import dev.cheeseshop.dist.DistInspector;
import dev.cheeseshop.dist.DistProblem;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A stored wheel's METADATA, read as an upload reads it: the blob is streamed to a staged file
 * (as an upload's body is, so what a crash leaves is swept with the uploads' leftovers), inspected
 * by the same {@link DistInspector} checks, and its METADATA digested as {@link ArchiveCheck}
 * digests it for the file row.
 */
public final class WheelMetadataSource implements MetadataSource {
    private static final int CHUNK = 64 * 1024;

    private final Staging staging;
    private final DistInspector inspector;

    public WheelMetadataSource(Staging staging, DistInspector inspector) {
        this.staging = staging;
        this.inspector = inspector;
    }

    @Override
    public Extracted extract(BlobStore.Blob wheel, String filename) throws IOException, Unreadable {
        StagedFile staged;
        try (Staging.Writer writer = staging.begin(wheel.size());
                InputStream in = wheel.read(0, wheel.size())) {
            byte[] chunk = new byte[CHUNK];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (!writer.write(ByteBuffer.wrap(chunk, 0, n))) {
                    throw new IOException("the blob of " + filename + " is longer than its size");
                }
            }
            staged = writer.finish(filename, null);
        }
        try {
            byte[] metadata = inspector.inspectWheel(staged.path(), filename).metadata();
            return new Extracted(metadata, ArchiveCheck.digests(metadata));
        } catch (DistProblem problem) {
            throw new Unreadable(problem.getMessage().lines().findFirst().orElse("not a sound wheel"));
        } finally {
            staging.discard(staged.path());
        }
    }
}
