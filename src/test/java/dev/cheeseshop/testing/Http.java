package dev.cheeseshop.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain HTTP client for tests that keeps what higher-level clients hide: the reason phrase,
 * redirects unfollowed, every header. Never goes through a proxy.
 */
public final class Http {
    private Http() {}

    /** A response: status, reason phrase, headers (case-insensitive names) and the whole body. */
    public record Response(int status, String reason, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public static Response get(URI uri, String... headers) {
        return send("GET", uri, null, headers);
    }

    public static Response send(String method, URI uri, byte[] body, String... headers) {
        try {
            HttpURLConnection conn = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            conn.setRequestMethod(method);
            conn.setInstanceFollowRedirects(false);
            conn.setUseCaches(false);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                conn.setRequestProperty(headers[i], headers[i + 1]);
            }
            if (body != null) {
                conn.setDoOutput(true);
                conn.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = conn.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = conn.getResponseCode();
            Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            conn.getHeaderFields().forEach((k, v) -> {
                if (k != null) {
                    responseHeaders.put(k, v);
                }
            });
            byte[] content;
            try (InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream()) {
                content = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Response(status, conn.getResponseMessage(), responseHeaders, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
