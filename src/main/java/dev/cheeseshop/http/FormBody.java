package dev.cheeseshop.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * A browser form's body ({@code application/x-www-form-urlencoded}), read whole up to a bound:
 * the web forms carry a few short fields, so anything larger is refused before it is parsed.
 */
final class FormBody {
    static final int MAX_BYTES = 64 * 1024;

    private FormBody() {}

    /** The fields, or empty when the body is not a form or is larger than {@value #MAX_BYTES} bytes. */
    static Optional<Fields> read(Exchange exchange) throws IOException {
        String type = exchange.header("Content-Type").orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || exchange.contentLength() > MAX_BYTES) {
            return Optional.empty();
        }
        byte[] body;
        try (InputStream in = exchange.body()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            return Optional.empty();
        }
        Fields fields = new Fields(true);
        try {
            UrlEncoded.decodeUtf8To(new String(body, StandardCharsets.ISO_8859_1), fields);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.of(fields);
    }
}
