package dev.cheeseshop.index;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.Transaction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ETag of the HTML index, which is streamed and so must be known before it is written: the
 * digest of exactly the bytes the index has at a serial ({@link Rendered#etagOf} form), made by
 * rendering it once into the digest alone (no bytes kept) and remembered for that serial. It
 * changes exactly when the page does: the HTML index holds no serial, so a new release of a
 * listed project leaves it, and its ETag, unchanged. The cost is one extra pass over the listing
 * on the first request after each change to the journal.
 */
final class HtmlIndexEtag {
    private record Memo(Serial serial, String etag) {}

    private final AtomicReference<Memo> memo = new AtomicReference<>();

    /** The ETag of the HTML index in {@code tx}'s snapshot, whose journal ends at {@code serial}. */
    String of(Transaction tx, Serial serial) {
        Memo known = memo.get();
        if (known != null && known.serial().equals(serial)) {
            return known.etag();
        }
        String etag = digest(tx);
        memo.set(new Memo(serial, etag));
        return etag;
    }

    private static String digest(Transaction tx) {
        MessageDigest md5 = Rendered.md5();
        try (Writer out = new OutputStreamWriter(new DigestOutputStream(OutputStream.nullOutputStream(), md5),
                StandardCharsets.UTF_8)) {
            out.write(SimpleHtml.indexHead());
            tx.projects().forEach(project -> {
                try {
                    out.write(SimpleHtml.indexRow(project));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.write(SimpleHtml.indexTail());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Rendered.etagOfDigest(md5.digest());
    }
}
