package dev.cheeseshop.migrate;

import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.sql.SqlDatabase.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Copies a file row's blobs (the distribution, and its METADATA when the row has one) from one
 * blob store to another, never holding one in memory: each is streamed from the source to a
 * scratch file while its SHA-256 and BLAKE2b-256 are computed, checked against the row, put into
 * the target, then read back from the target and checked again. A put is idempotent (the key
 * names the content), so copying a blob a second time after an interruption is harmless.
 */
final class BlobCopy {
    private final BlobStore from;
    private final BlobStore to;
    private final Path scratch;

    BlobCopy(BlobStore from, BlobStore to, Path scratch) {
        this.from = from;
        this.to = to;
        this.scratch = scratch;
    }

    /** Copies and verifies the file's blobs; answers how many there were (1 or 2). */
    int copy(StoredFile file) throws IOException, MigrationProblem {
        copy(file, file.path(), file.size(), file.sha256(), file.blake2b256());
        if (file.metadataSha256() == null) {
            return 1;
        }
        copy(file, file.metadataPath(), -1, file.metadataSha256(), file.metadataBlake2b256());
        return 2;
    }

    private void copy(StoredFile file, String key, long size, String sha256, String blake2b256)
            throws IOException, MigrationProblem {
        Path temp = Files.createTempFile(scratch, "blob-", ".part");
        try {
            Optional<BlobStore.Blob> blob = from.open(key);
            if (blob.isEmpty()) {
                throw new MigrationProblem("the source has no blob " + key + " for file " + file.filename()
                        + ": run 'cheeseshop reconcile' on the source first");
            }
            Hashes copied;
            try (InputStream in = blob.get().read(0, blob.get().size());
                    OutputStream out = Files.newOutputStream(temp)) {
                copied = Hashes.of(in, out);
            }
            check("the source's blob", key, copied, size, sha256, blake2b256);
            to.put(key, temp);
            Optional<BlobStore.Blob> written = to.open(key);
            if (written.isEmpty()) {
                throw new MigrationProblem("the target lost blob " + key + " just written");
            }
            try (InputStream in = written.get().read(0, written.get().size())) {
                check("the target's blob", key, Hashes.of(in, OutputStream.nullOutputStream()), size, sha256,
                        blake2b256);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void check(String which, String key, Hashes found, long size, String sha256, String blake2b256)
            throws MigrationProblem {
        if ((size >= 0 && found.size() != size) || !found.sha256().equals(sha256)
                || !found.blake2b256().equals(blake2b256)) {
            throw new MigrationProblem(which + " " + key + " does not match its row: " + found.size() + " bytes,"
                    + " sha256 " + found.sha256() + ", blake2b-256 " + found.blake2b256());
        }
    }

    /** A stream's size and digests, lower-case hex. */
    record Hashes(long size, String sha256, String blake2b256) {
        /** Reads {@code in} to its end, copying it to {@code out}. */
        static Hashes of(InputStream in, OutputStream out) throws IOException {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
            Blake2bDigest blake2b = new Blake2bDigest(256);
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha256.update(buffer, 0, n);
                blake2b.update(buffer, 0, n);
                out.write(buffer, 0, n);
                size += n;
            }
            byte[] b2 = new byte[32];
            blake2b.doFinal(b2, 0);
            HexFormat hex = HexFormat.of();
            return new Hashes(size, hex.formatHex(sha256.digest()), hex.formatHex(b2));
        }
    }
}
