package dev.cheeseshop.proxy.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.proxy.Upstream;
import dev.cheeseshop.proxy.UpstreamUnavailable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The upstream over HTTP, on the JDK's {@code HttpClient}: GETs of the Simple API root, of project
 * pages, of projects' JSON API documents (for upload times) and of files, each bounded by the
 * timeout (the connection, then the wait for the headers; a page's or JSON API document's body
 * must also be complete within it, while a file's or the index's body may take as
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

    /** How much of a 304's or 404's body is read (so the connection can be used again) before it is dropped. */
    private static final long SMALL_BODY = 64 * 1024;

    private final UpstreamRoot root;
    private final Duration timeout;
    private final String accept;
    private final Requests requests;

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
        this.accept = accept;
        this.requests = new Requests(this.root, timeout, userAgent);
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
        checkName(normalizedName);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> headers = etag.map(e -> List.of("Accept", accept, "Accept-Encoding", "gzip", "If-None-Match", e))
                .orElse(List.of("Accept", accept, "Accept-Encoding", "gzip"));
        Requests.Answer answer = requests.get(root.page(normalizedName), headers, true, deadline);
        String host = UpstreamRoot.hostOf(answer.url());
        String what = "the page of " + normalizedName;
        try (TimedBody body = answer.body()) {
            switch (answer.status()) {
                case 200:
                    break;
                case 304:
                    body.discard(SMALL_BODY);
                    if (etag.isPresent()) {
                        return new PageFetch.NotModified();
                    }
                    throw unavailable(host, "answered 304 to a request that was not conditional, for " + what);
                case 404:
                case 410:
                    body.discard(SMALL_BODY);
                    return new PageFetch.NotFound();
                default:
                    throw unavailable(host, "answered HTTP " + answer.status() + " for " + what);
            }
            try {
                Bodies.Decoded decoded = Bodies.decode(body, answer.headers(), host, MAX_PAGE_BYTES, what);
                PageContent content = decoded.json()
                        ? JsonPageReader.read(decoded.stream(), answer.url(), normalizedName)
                        : HtmlPageReader.read(decoded.reader(), answer.url(), normalizedName);
                decoded.drain();
                OptionalLong serial = serialHeader(answer.headers());
                return new PageFetch.Fetched(new UpstreamPage(normalizedName, content.displayName(),
                        answer.headers().firstValue("ETag").filter(e -> !e.isBlank()),
                        serial.isPresent() ? serial : content.serial(), firstOfEachName(content.files())));
            } catch (IOException e) {
                throw readFailure(e, host, what);
            }
        }
    }

    /**
     * GETs {@code <root>/../pypi/<name>/json} as a page is fetched (the same timeout for the whole
     * document, gzip, the size limit, credentials and redirects) and reads its files' sha256 and
     * upload times ({@link JsonApiReader}). 404 and 410 are an empty map; any other failure an
     * {@link UpstreamUnavailable}.
     */
    @Override
    public Map<String, UploadTime> uploadTimes(String normalizedName) throws UpstreamUnavailable {
        checkName(normalizedName);
        long deadline = System.nanoTime() + timeout.toNanos();
        Requests.Answer answer = requests.get(root.jsonApi(normalizedName),
                List.of("Accept", "application/json", "Accept-Encoding", "gzip"), true, deadline);
        String host = UpstreamRoot.hostOf(answer.url());
        String what = "the JSON API document of " + normalizedName;
        try (TimedBody body = answer.body()) {
            if (answer.status() == 404 || answer.status() == 410) {
                body.discard(SMALL_BODY);
                return Map.of();
            }
            if (answer.status() != 200) {
                throw unavailable(host, "answered HTTP " + answer.status() + " for " + what);
            }
            try {
                Bodies.Decoded decoded = Bodies.decode(body, answer.headers(), host, MAX_PAGE_BYTES, what);
                Map<String, UploadTime> times = JsonApiReader.read(decoded.stream());
                decoded.drain();
                return times;
            } catch (IOException e) {
                throw readFailure(e, host, what);
            }
        }
    }

    @Override
    public void index(Consumer<String> names) throws UpstreamUnavailable {
        Requests.Answer answer = requests.get(root.url(), List.of("Accept", accept, "Accept-Encoding", "gzip"), false, 0);
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
        Requests.Answer answer = requests.get(url, List.of("Accept", "*/*"), false, 0);
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

    private static void checkName(String normalizedName) {
        if (!ProjectName.isValid(normalizedName) || !ProjectName.normalize(normalizedName).equals(normalizedName)) {
            throw new IllegalArgumentException("not a normalised project name");
        }
    }

    /** The files, each filename once: the first the page lists wins (a cache keeps one file per name). */
    private static List<UpstreamFile> firstOfEachName(List<UpstreamFile> files) {
        Map<String, UpstreamFile> byName = new LinkedHashMap<>();
        for (UpstreamFile file : files) {
            byName.putIfAbsent(file.filename(), file);
        }
        return byName.size() == files.size() ? files : List.copyOf(byName.values());
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
            return unavailable(host, what + " is unreadable: " + e.getMessage());
        }
        if (e instanceof JsonProcessingException json) {
            return unavailable(host, what + " is unreadable: invalid JSON ("
                    + Messages.clean(String.valueOf(json.getOriginalMessage())) + ")");
        }
        if (e instanceof java.util.zip.ZipException) {
            return unavailable(host, what + " is unreadable: broken gzip (" + Messages.describe(e) + ")");
        }
        return unavailable(host, "the connection failed while reading " + what + " (" + Messages.describe(e) + ")");
    }

    private static UpstreamUnavailable unavailable(String host, String what) {
        return Requests.unavailable(host, what);
    }

    @Override
    public String toString() {
        return "HttpUpstream[" + root + "]";
    }
}
