package dev.cheeseshop.http;

import dev.cheeseshop.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How an immutable file is answered from the blob store, local or proxied alike: a strong ETag, a
 * long cache lifetime, conditional GET, HEAD and single byte ranges.
 */
final class FileResponses {
    private FileResponses() {}

    /** The headers of every answer for an immutable file. */
    static void immutable(Exchange exchange, String etag) {
        exchange.header("ETag", etag)
                .header("Cache-Control", "max-age=365000000, immutable, public")
                .header("Access-Control-Allow-Origin", "*");
    }

    /**
     * Answers {@code blob}: 304, 416, 206 or 200. {@code lastModified} may be null; {@code kind}
     * names the download for the metrics. Answers whether the whole file was sent with a 200 to a
     * GET (what counts as a download).
     */
    static boolean blob(Exchange exchange, BlobStore.Blob blob, String etag, Instant lastModified, String contentType,
            String kind) throws IOException {
        long size = blob.size();
        immutable(exchange, etag);
        if (lastModified != null) {
            exchange.header("Last-Modified",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atOffset(ZoneOffset.UTC)));
        }
        exchange.header("Accept-Ranges", "bytes");
        if (Conditional.matches(exchange.header("If-None-Match"), etag)) {
            exchange.sendEmpty(304);
            return false;
        }
        ByteRange range = ByteRange.parse(exchange.header("Range"), exchange.header("If-Range"), etag, size);
        if (range.unsatisfiable()) {
            exchange.header("Content-Range", "bytes */" + size).sendText(416, "416 Range Not Satisfiable");
            return false;
        }
        int status = 200;
        if (range.partial()) {
            status = 206;
            exchange.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        exchange.header("Content-Length", Long.toString(range.length()));
        OutputStream out = exchange.stream(status, contentType);
        if (exchange.isHead()) {
            return false;
        }
        try (InputStream in = blob.read(range.first(), range.length())) {
            exchange.metrics().download(kind, false, in.transferTo(out));
        }
        return status == 200;
    }
}
