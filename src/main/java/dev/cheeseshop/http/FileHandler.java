package dev.cheeseshop.http;

import dev.cheeseshop.downloads.DownloadCounter;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Distribution files and their PEP 658 {@code .metadata} under {@code /packages/<path>}. A blob is
 * served only when a file row names it, so an orphan (written by an upload that never committed)
 * is never visible. Files are immutable: strong ETags from their digest, a long cache lifetime,
 * conditional GET, HEAD, and single byte ranges. When the blob store offers a short-lived URL
 * ({@code --blob-redirect} on S3), a file a row names is answered with a 302 there instead.
 *
 * <p>Downloads are counted ({@link DownloadCounter}, when given): a distribution file's 200 to a
 * GET once its last byte has been handed to the connection, and its 302 to the object store. Not
 * counted: HEAD, 304, 404, 416, a partial 206 answer to a {@code Range} request (a resumed or
 * chunked download would count several times, and a client reading only a wheel's index would
 * count once without downloading it), a transfer that fails, and the {@code .metadata} files.
 */
final class FileHandler {
    private static final String METADATA_SUFFIX = ".metadata";

    private final MetadataStore store;
    private final BlobStore blobs;
    private final DownloadCounter downloads;
    private final ProxyFileHandler proxy;

    /**
     * {@code downloads}: where downloads are counted; null when they are not. {@code proxy}: where
     * {@code /packages/upstream/...} is answered; null when there is no upstream.
     */
    FileHandler(MetadataStore store, BlobStore blobs, DownloadCounter downloads, ProxyFileHandler proxy) {
        this.store = store;
        this.blobs = blobs;
        this.downloads = downloads;
        this.proxy = proxy;
    }

    void register(Routes routes) {
        routes.get("/packages/{path*}", this::serve);
    }

    private void serve(Exchange exchange) throws IOException {
        String path = exchange.param("path");
        if (proxy != null && path.startsWith(ProxyFileHandler.PREFIX)) {
            proxy.serve(exchange, path);
            return;
        }
        Optional<Served> served = find(path);
        if (served.isEmpty()) {
            exchange.sendText(404, "404 Not Found");
            return;
        }
        Optional<URI> elsewhere = blobs.redirect(served.get().key(), served.get().contentType());
        if (elsewhere.isPresent()) {
            // --blob-redirect: the object store serves the bytes; the URL expires, so no caching.
            exchange.header("Cache-Control", "no-store").header("Access-Control-Allow-Origin", "*")
                    .redirect(302, elsewhere.get().toASCIIString());
            count(served.get(), 302, exchange);
            exchange.metrics().download(served.get().kind(), true, 0);
            return;
        }
        Optional<BlobStore.Blob> blob = blobs.open(served.get().key());
        if (blob.isEmpty()) {
            throw new IOException("file row without its blob: " + served.get().key());
        }
        boolean whole = FileResponses.blob(exchange, blob.get(), '"' + served.get().etag() + '"',
                served.get().file().uploadTime(), served.get().contentType(), served.get().kind());
        if (whole) {
            count(served.get(), 200, exchange);
        }
    }

    private void count(Served served, int status, Exchange exchange) {
        if (downloads != null && served.download() && !exchange.isHead() && (status == 200 || status == 302)) {
            downloads.record(served.file().id());
        }
    }

    /** What a path names: {@code download} true for the distribution file itself, false for its METADATA. */
    private record Served(DistFile file, String key, String etag, String contentType, boolean download) {
        /** What the metrics call it: {@code file} or {@code metadata}. */
        String kind() {
            return download ? "file" : "metadata";
        }
    }

    private Optional<Served> find(String path) {
        if (path.endsWith(METADATA_SUFFIX)) {
            String filePath = path.substring(0, path.length() - METADATA_SUFFIX.length());
            Optional<DistFile> file = store.read(tx -> tx.files().findServable(filePath));
            return file.filter(f -> f.metadata().isPresent())
                    .map(f -> new Served(f, f.metadataPath(), f.metadata().get().sha256(), "text/plain; charset=utf-8",
                            false));
        }
        return store.read(tx -> tx.files().findServable(path))
                .map(f -> new Served(f, f.path(), f.digests().sha256(), "application/octet-stream", true));
    }
}
