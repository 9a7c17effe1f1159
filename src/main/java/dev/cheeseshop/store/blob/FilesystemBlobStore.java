package dev.cheeseshop.store.blob;

import dev.cheeseshop.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Blobs as files under one root directory, at their key's path (PyPI's layout:
 * {@code packages/ab/cd/<rest>/<filename>}). A blob is written to a temporary file in the root's
 * {@code .incoming} folder, forced to disk, then renamed into place atomically, so a reader never
 * sees half a file and a crash leaves at most a temporary file behind.
 *
 * <p>A blob's write time is its file's modification time, set from the injected clock on the
 * temporary file before the rename, so a put of a key that exists already refreshes it (the
 * rename replaces the old file).
 */
public final class FilesystemBlobStore implements BlobStore {
    private static final String INCOMING = ".incoming";

    /** How often a put tries again when the reconciler removes its emptied directory under it. */
    private static final int PUBLISH_ATTEMPTS = 5;

    private final Path root;
    private final Path incoming;
    private final Clock clock;

    public FilesystemBlobStore(Path root, Clock clock) throws IOException {
        this.clock = clock;
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(INCOMING);
        Files.createDirectories(incoming);
    }

    @Override
    public void put(String key, Path source) throws IOException {
        Path target = resolve(key);
        Path temp = temporary();
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        Path target = resolve(key);
        Path temp = temporary();
        try {
            Files.write(temp, content);
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void publish(Path temp, Path target) throws IOException {
        FileTime written = FileTime.from(clock.instant());
        Files.setLastModifiedTime(temp, written);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(target.getParent());
            try {
                // On POSIX the rename replaces an existing blob, write time included.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (FileAlreadyExistsException e) {
                // Same key, same content, on a file system that will not replace it: refresh its time.
                Files.setLastModifiedTime(target, written);
                return;
            } catch (NoSuchFileException e) {
                // delete() removed the hash directory, emptied, between our mkdir and the rename.
                if (attempt == PUBLISH_ATTEMPTS || !Files.exists(temp)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<Blob> open(String key) throws IOException {
        Path path = resolve(key);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        long size = Files.size(path);
        return Optional.of(new Blob() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream read(long offset, long length) throws IOException {
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                channel.position(offset);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            }
        });
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public Optional<BlobInfo> info(String key) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(resolve(key), BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? Optional.of(new BlobInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = resolve(key);
        Files.deleteIfExists(path);
        // Tidy the emptied hash directories, but never above the root.
        for (Path dir = path.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            } catch (NoSuchFileException e) {
                continue;
            }
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public void list(Consumer<BlobInfo> sink) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> !p.startsWith(incoming)).forEach(p -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        String key = root.relativize(p).toString().replace('\\', '/');
                        sink.accept(new BlobInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                } catch (IOException e) {
                    // Deleted while listing: nothing to report.
                }
            });
        }
    }

    private Path temporary() {
        return incoming.resolve(UUID.randomUUID() + ".part");
    }

    private Path resolve(String key) {
        Path path = root.resolve(BlobStore.checkKey(key)).normalize();
        if (!path.startsWith(root) || path.startsWith(incoming)) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        return path;
    }
}
