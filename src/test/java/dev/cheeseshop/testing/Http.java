package dev.cheeseshop.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain HTTP client for tests that keeps what higher-level clients hide: the reason phrase,
 * redirects unfollowed, every header. Never goes through a proxy.
 *
 * <p>{@link HttpURLConnection} silently leaves out the headers only a browser sets
 * ({@code Origin}, {@code Sec-Fetch-*}); a request carrying one goes through
 * {@code java.net.http} instead, which sends them (its response has no reason phrase: "").
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
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Origin") || headers[i].regionMatches(true, 0, "Sec-", 0, 4)) {
                return sendAsBrowser(method, uri, body, headers);
            }
        }
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

    private static Response sendAsBrowser(String method, URI uri, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            responseHeaders.putAll(response.headers().map());
            return new Response(response.statusCode(), "", responseHeaders, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
