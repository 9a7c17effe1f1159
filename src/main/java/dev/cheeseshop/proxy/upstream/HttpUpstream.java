package dev.cheeseshop.proxy.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.proxy.Upstream;
import dev.cheeseshop.proxy.UpstreamUnavailable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The upstream over HTTP, on the JDK's {@code HttpClient}: GETs of the Simple API root, of project
 * pages and of files, each bounded by the timeout (the connection, then the wait for the headers;
 * a page's body must also be complete within it, while a file's or the index's body may take as
 * long as it needs as long as no read stalls for longer, see {@link TimedBody}). Redirects are
 * followed here (at most five, never from https to http), so that the root's credentials go only
 * to its own origin (see {@link UpstreamRoot}). Every failure is an {@link UpstreamUnavailable}
 * whose message names the host and what happened, and nothing of this class shows a credential.
 */
public final class HttpUpstream implements Upstream {
    /** What a page may weigh, decompressed; pypi.org's largest are a few MiB. */
    public static final long MAX_PAGE_BYTES = 64L * 1024 * 1024;

    /** PEP 691 JSON preferred, PEP 503 HTML accepted (as pip asks). */
    static final String ACCEPT =
            "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

    private static final int MAX_REDIRECTS = 5;

    private final UpstreamRoot root;
    private final Duration timeout;
    private final String userAgent;
    private final String accept;
    private final HttpClient client;

    /**
     * An upstream at {@code root} (its Simple API root, {@code https://pypi.org/simple/}; it may
     * carry {@code user:password@}), every exchange bounded by {@code timeout}.
     *
     * @throws IllegalArgumentException when {@code root} is no http(s) URL with a host; the message
     *     never repeats it
     */
    public HttpUpstream(String root, Duration timeout) {
        this(root, timeout, defaultUserAgent(), ACCEPT);
    }

    /** As {@link #HttpUpstream(String, Duration)}, asking with {@code accept} (tests force HTML with it). */
    HttpUpstream(String root, Duration timeout, String userAgent, String accept) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the upstream timeout must be positive");
        }
        this.root = UpstreamRoot.parse(root);
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.accept = accept;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code Cheeseshop/<version>}, the version from the jar's manifest. */
    public static String defaultUserAgent() {
        String version = HttpUpstream.class.getPackage().getImplementationVersion();
        return "Cheeseshop/" + (version == null ? "development" : version);
    }

    /** The root, without credentials. */
    public URI root() {
        return root.url();
    }

    @Override
    public PageFetch page(String normalizedName, Optional<String> etag) throws UpstreamUnavailable {
        if (!ProjectName.isValid(normalizedName) || !ProjectName.normalize(normalizedName).equals(normalizedName)) {
            throw new IllegalArgumentException("not a normalised project name");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> headers = etag.map(e -> List.of("Accept", accept, "Accept-Encoding", "gzip", "If-None-Match", e))
                .orElse(List.of("Accept", accept, "Accept-Encoding", "gzip"));
        Answer answer = get(root.page(normalizedName), headers, true, deadline);
        String host = UpstreamRoot.hostOf(answer.url());
        String what = "the page of " + normalizedName;
        try (TimedBody body = answer.body()) {
            switch (answer.status()) {
                case 200:
                    break;
                case 304:
                    if (etag.isPresent()) {
                        return new PageFetch.NotModified();
                    }
                    throw unavailable(host, "answered 304 to a request that was not conditional, for " + what);
                case 404:
                case 410:
                    return new PageFetch.NotFound();
                default:
                    throw unavailable(host, "answered HTTP " + answer.status() + " for " + what);
            }
            try {
                Bodies.Decoded decoded = Bodies.decode(body, answer.headers(), host, MAX_PAGE_BYTES, what);
                PageContent content = decoded.json()
                        ? JsonPageReader.read(decoded.stream(), answer.url(), normalizedName)
                        : HtmlPageReader.read(decoded.reader(), answer.url(), normalizedName);
                OptionalLong serial = serialHeader(answer.headers());
                return new PageFetch.Fetched(new UpstreamPage(normalizedName, content.displayName(),
                        answer.headers().firstValue("ETag").filter(e -> !e.isBlank()),
                        serial.isPresent() ? serial : content.serial(), content.files()));
            } catch (IOException e) {
                throw readFailure(e, host, what);
            }
        }
    }

    @Override
    public void index(Consumer<String> names) throws UpstreamUnavailable {
        Answer answer = get(root.url(), List.of("Accept", accept, "Accept-Encoding", "gzip"), false, 0);
        String host = UpstreamRoot.hostOf(answer.url());
        try (TimedBody body = answer.body()) {
            if (answer.status() != 200) {
                throw unavailable(host, "answered HTTP " + answer.status() + " for the project index");
            }
            try {
                Bodies.Decoded decoded = Bodies.decode(body, answer.headers(), host, Long.MAX_VALUE, "the index");
                if (decoded.json()) {
                    IndexReader.readJson(decoded.stream(), names);
                } else {
                    IndexReader.readHtml(decoded.reader(), answer.url(), names);
                }
            } catch (IOException e) {
                throw readFailure(e, host, "the project index");
            }
        }
    }

    @Override
    public Download open(URI url) throws UpstreamUnavailable {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new UpstreamUnavailable("upstream file URL is not an http(s) URL with a host");
        }
        Answer answer = get(url, List.of("Accept", "*/*"), false, 0);
        if (answer.status() != 200) {
            answer.body().close();
            throw unavailable(UpstreamRoot.hostOf(answer.url()), "answered HTTP " + answer.status() + " for "
                    + Messages.clean(Links.lastSegment(url)));
        }
        OptionalLong length = answer.headers().firstValueAsLong("Content-Length");
        TimedBody body = answer.body();
        return new Download() {
            @Override
            public OptionalLong length() {
                return length;
            }

            @Override
            public InputStream body() {
                return body;
            }

            @Override
            public void close() {
                body.close();
            }
        };
    }

    /** A final answer (after redirects): its status, headers, URL and body, to be closed. */
    private record Answer(int status, HttpHeaders headers, URI url, TimedBody body) {}

    /**
     * GETs {@code url} with {@code headers} (name, value, ...), following redirects; the headers'
     * wait is bounded by the timeout (and by {@code deadline}, with the body's reads, when
     * {@code bounded}).
     */
    private Answer get(URI url, List<String> headers, boolean bounded, long deadline) throws UpstreamUnavailable {
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
            } catch (java.net.http.HttpConnectTimeoutException e) {
                throw unavailable(host, "no connection within " + Messages.duration(timeout.toNanos()));
            } catch (java.net.http.HttpTimeoutException e) {
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

    private static OptionalLong serialHeader(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("X-PyPI-Last-Serial");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long serial = Long.parseLong(value.get().strip());
            return serial < 0 ? OptionalLong.empty() : OptionalLong.of(serial);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static UpstreamUnavailable readFailure(IOException e, String host, String what) {
        if (e instanceof TimedBody.BodyFailure) {
            return new UpstreamUnavailable(e.getMessage());
        }
        if (e instanceof UnreadablePage) {
            return unavailable(host, "unreadable " + what + ": " + e.getMessage());
        }
        if (e instanceof JsonProcessingException json) {
            return unavailable(host, "unreadable " + what + ": invalid JSON ("
                    + Messages.clean(String.valueOf(json.getOriginalMessage())) + ")");
        }
        if (e instanceof java.util.zip.ZipException) {
            return unavailable(host, "unreadable " + what + ": broken gzip (" + Messages.describe(e) + ")");
        }
        return unavailable(host, "the connection failed while reading " + what + " (" + Messages.describe(e) + ")");
    }

    private static UpstreamUnavailable unavailable(String host, String what) {
        return new UpstreamUnavailable("upstream " + host + ": " + what);
    }

    @Override
    public String toString() {
        return "HttpUpstream[" + root + "]";
    }
}
