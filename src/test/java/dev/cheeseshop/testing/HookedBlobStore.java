package dev.cheeseshop.testing;

import dev.cheeseshop.store.BlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A blob store that runs a test's code at chosen points of the real store's work, so a test can
 * interleave two actors (a reconciler pass and an upload) deterministically: after a listing,
 * after a put of a key, before a delete of a key. Hooks run on the caller's thread; one that
 * throws fails the operation.
 */
public final class HookedBlobStore implements BlobStore {
    /** Test code run at a hook point, given the key concerned. */
    @FunctionalInterface
    public interface Hook {
        void run(String key) throws Exception;
    }

    private static final Hook NOTHING = key -> {};

    private final BlobStore store;
    private volatile Hook afterList = NOTHING;
    private volatile Hook afterPut = NOTHING;
    private volatile Hook beforeDelete = NOTHING;
    private volatile Hook beforeExists = NOTHING;

    public HookedBlobStore(BlobStore store) {
        this.store = store;
    }

    /** Runs {@code hook} (with a null key) each time a listing has been delivered whole. */
    public HookedBlobStore afterList(Hook hook) {
        this.afterList = hook;
        return this;
    }

    /** Runs {@code hook} after each put of a key, once the blob is in place. */
    public HookedBlobStore afterPut(Hook hook) {
        this.afterPut = hook;
        return this;
    }

    /** Runs {@code hook} just before each delete. */
    public HookedBlobStore beforeDelete(Hook hook) {
        this.beforeDelete = hook;
        return this;
    }

    /** Runs {@code hook} just before each look-up of whether a key exists. */
    public HookedBlobStore beforeExists(Hook hook) {
        this.beforeExists = hook;
        return this;
    }

    @Override
    public void put(String key, Path source) throws IOException {
        store.put(key, source);
        run(afterPut, key);
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        store.put(key, content);
        run(afterPut, key);
    }

    @Override
    public Optional<Blob> open(String key) throws IOException {
        return store.open(key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        run(beforeExists, key);
        return store.exists(key);
    }

    @Override
    public Optional<BlobInfo> info(String key) throws IOException {
        return store.info(key);
    }

    @Override
    public void delete(String key) throws IOException {
        run(beforeDelete, key);
        store.delete(key);
    }

    @Override
    public Optional<URI> redirect(String key, String contentType) throws IOException {
        return store.redirect(key, contentType);
    }

    @Override
    public void list(Consumer<BlobInfo> sink) throws IOException {
        store.list(sink);
        run(afterList, null);
    }

    private static void run(Hook hook, String key) throws IOException {
        try {
            hook.run(key);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in a hook", e);
        } catch (Exception e) {
            throw new IllegalStateException("a hook failed", e);
        }
    }
}
