package dev.cheeseshop.proxy.upstream;

import dev.cheeseshop.proxy.UpstreamUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * The GETs of {@link HttpUpstream}: one {@code HttpClient} (connect timeout, redirects not followed
 * by the client), the User-Agent, the root's credentials on requests to its origin only, and
 * redirects followed here (at most {@value #MAX_REDIRECTS}, never from https to http), so that a
 * redirect to another origin never carries them. Plain {@code http} is spoken as HTTP/1.1 (no h2c
 * upgrade); {@code https} offers HTTP/2.
 */
final class Requests {
    static final int MAX_REDIRECTS = 5;

    private final UpstreamRoot root;
    private final Duration timeout;
    private final String userAgent;
    private final HttpClient client;

    Requests(UpstreamRoot root, Duration timeout, String userAgent) {
        this.root = root;
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A final answer (after redirects): its status, headers, URL and body, to be closed. */
    record Answer(int status, HttpHeaders headers, URI url, TimedBody body) {}

    /**
     * GETs {@code url} with {@code headers} (name, value, ...), following redirects; the headers'
     * wait is bounded by the timeout (and by {@code deadline}, with the body's reads, when
     * {@code bounded}).
     */
    Answer get(URI url, List<String> headers, boolean bounded, long deadline) throws UpstreamUnavailable {
        URI current = url;
        for (int hop = 0;; hop++) {
            String host = UpstreamRoot.hostOf(current);
            long wait = timeout.toNanos();
            if (bounded) {
                wait = Math.min(wait, deadline - System.nanoTime());
                if (wait <= 0) {
                    throw unavailable(host, "no answer within " + Messages.duration(timeout.toNanos()));
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET()
                    .timeout(Duration.ofNanos(wait))
                    .version("https".equalsIgnoreCase(current.getScheme())
                            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                    .header("User-Agent", userAgent);
            for (int i = 0; i < headers.size(); i += 2) {
                request.header(headers.get(i), headers.get(i + 1));
            }
            root.authorizationFor(current).ifPresent(value -> request.header("Authorization", value));
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
            } catch (HttpConnectTimeoutException e) {
                throw unavailable(host, "no connection within " + Messages.duration(timeout.toNanos()));
            } catch (HttpTimeoutException e) {
                throw unavailable(host, "no answer within " + Messages.duration(timeout.toNanos()));
            } catch (IOException e) {
                throw unavailable(host, Messages.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(host, "interrupted while waiting for an answer");
            } catch (IllegalArgumentException e) {
                throw unavailable(host, "cannot send the request (" + Messages.describe(e) + ")");
            }
            TimedBody body = new TimedBody(host, timeout.toNanos(), deadline, bounded);
            response.body().subscribe(body);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(status) || location.isEmpty()) {
                return new Answer(status, response.headers(), current, body);
            }
            body.close();
            if (hop == MAX_REDIRECTS) {
                throw unavailable(host, "too many redirects");
            }
            Optional<URI> next = Links.resolve(current, location.get());
            if (next.isEmpty()) {
                throw unavailable(host, "redirected to a location that is not an http(s) URL");
            }
            if ("https".equalsIgnoreCase(current.getScheme()) && "http".equalsIgnoreCase(next.get().getScheme())) {
                throw unavailable(host, "redirected from https to http, which is refused");
            }
            current = next.get();
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static UpstreamUnavailable unavailable(String host, String what) {
        return new UpstreamUnavailable("upstream " + host + ": " + what);
    }
}
