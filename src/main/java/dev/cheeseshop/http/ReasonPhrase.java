package dev.cheeseshop.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Custom HTTP/1.1 reason phrases, which PyPI's upload API uses to carry its error messages
 * ({@code HTTP/1.1 400 File already exists (...)}) and which twine prints and parses.
 *
 * <p>Jetty 12's core API always commits a response without a reason (so the generator writes the
 * standard phrase), but its HTTP/1.1 generator writes whatever reason the committed
 * {@link MetaData.Response} carries. This wraps the request's {@link HttpStream} so that, when the
 * response is committed, the metadata is replaced by a copy carrying the phrase set with
 * {@link #set}. HTTP/2 and HTTP/3 have no reason phrase; there the body carries the message.
 */
final class ReasonPhrase {
    private static final String ATTRIBUTE = ReasonPhrase.class.getName();

    private ReasonPhrase() {}

    /** Installs the wrapper; call once per request, before anything is written. */
    static void install(Request request) {
        request.addHttpStreamWrapper(stream -> new HttpStream.Wrapper(stream) {
            @Override
            public void send(MetaData.Request req, MetaData.Response response, boolean last, ByteBuffer content,
                    Callback callback) {
                Object reason = request.getAttribute(ATTRIBUTE);
                if (response != null && reason instanceof String phrase) {
                    response = new MetaData.Response(response.getStatus(), phrase, response.getHttpVersion(),
                            response.getHttpFields(), response.getContentLength(), response.getTrailersSupplier());
                }
                super.send(req, response, last, content, callback);
            }
        });
    }

    /** Sets the phrase of this request's response, made safe for a status line. */
    static void set(Request request, String phrase) {
        request.setAttribute(ATTRIBUTE, sanitize(phrase));
    }

    /**
     * A status line is ISO-8859-1 text without control characters: anything else becomes
     * {@code ?} (as PyPI does), line breaks become spaces (so user text cannot inject headers).
     */
    static String sanitize(String phrase) {
        StringBuilder out = new StringBuilder(Math.min(phrase.length(), 1024));
        for (int i = 0; i < phrase.length() && out.length() < 1024; i++) {
            char c = phrase.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                out.append(' ');
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c > 0xff) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
