package dev.cheeseshop.backup;

import dev.cheeseshop.store.BlobStore;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts blobs from one {@code packages} folder into another at the same keys: a hard link where
 * the file system allows it (the same file system; blobs are never changed in place, since the
 * blob store renames a new file over a key, so a link is as good as a copy and costs nothing),
 * else a copy with the file's times. After the first link refused, it copies the rest.
 */
final class LinkOrCopy {
    private final Path from;
    private final Path to;
    private boolean linking = true;
    private long linked;
    private long copied;

    LinkOrCopy(Path from, Path to) {
        this.from = from.toAbsolutePath().normalize();
        this.to = to.toAbsolutePath().normalize();
    }

    /** Puts the blob at {@code key} into the target; false when the source has no such blob. */
    boolean put(String key) throws IOException {
        Path source = resolve(from, key);
        Path target = resolve(to, key);
        if (!Files.isRegularFile(source)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        try {
            if (linking && link(source, target)) {
                linked++;
                return true;
            }
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            copied++;
            return true;
        } catch (NoSuchFileException e) {
            if (Files.exists(source)) {
                throw e;
            }
            return false; // removed meanwhile
        }
    }

    /** Links {@code target} to {@code source}; false (and copies from now on) where links are refused. */
    private boolean link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
            return true;
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // Another file system (EXDEV), or one without hard links or refusing them.
            linking = false;
            return false;
        }
    }

    long linked() {
        return linked;
    }

    long copied() {
        return copied;
    }

    private static Path resolve(Path root, String key) {
        Path path = root.resolve(BlobStore.checkKey(key)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        return path;
    }
}
