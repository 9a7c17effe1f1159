package dev.cheeseshop.proxy;

import dev.cheeseshop.model.UpstreamPage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The index this server proxies, spoken to through its Simple API (PEP 691 JSON preferred, PEP 503
 * HTML accepted): pypi.org, devpi, Nexus, another Cheeseshop or a static tree of HTML files. Every
 * call is bounded by the configured timeout; every failure is an {@link UpstreamUnavailable}.
 *
 * <p>Implementation: {@code proxy.upstream.HttpUpstream} (the JDK's HTTP client).
 */
public interface Upstream {

    /**
     * GETs the project's page, {@code <root>/<normalizedName>/}, with {@code Accept} preferring
     * PEP 691 JSON, and {@code If-None-Match: etag} when an etag is given.
     */
    PageFetch page(String normalizedName, Optional<String> etag) throws UpstreamUnavailable;

    /**
     * GETs the project index, {@code <root>/}, and hands each project's normalised name to
     * {@code names} as it is read (the listing of pypi.org is 700,000 names: it is streamed).
     */
    void index(Consumer<String> names) throws UpstreamUnavailable;

    /**
     * Opens a file (or a {@code .metadata}) at {@code url}, which came from a page of this
     * upstream. The caller reads the body to its end and closes it.
     */
    Download open(URI url) throws UpstreamUnavailable;

    /**
     * GETs the project's JSON API document, {@code <root>/../pypi/<normalizedName>/json} (pypi.org,
     * devpi and Cheeseshop serve it), and answers each file it lists (in {@code releases} and
     * {@code urls}) by filename: its sha256 and upload time. Used only to fill in upload times a
     * page lacks, and only for a file of the same sha256. A file listed without both is left out;
     * 404 and 410 are an empty map.
     */
    Map<String, UploadTime> uploadTimes(String normalizedName) throws UpstreamUnavailable;

    /** What the JSON API says of a file: the sha256 of its bytes and when they were uploaded. */
    record UploadTime(String sha256, Instant time) {}

    /** The answer to a page request. */
    sealed interface PageFetch {
        /** 200: the page, read whole (pages are small; a page over the size limit is an {@link UpstreamUnavailable}). */
        record Fetched(UpstreamPage page) implements PageFetch {}

        /** 304 to the conditional GET: the page cached under the etag sent is current. */
        record NotModified() implements PageFetch {}

        /** 404 (or 410): the upstream has no such project. */
        record NotFound() implements PageFetch {}
    }

    /** A file's body as it arrives; {@code length} is the upstream's Content-Length when it sent one. */
    interface Download extends AutoCloseable {
        OptionalLong length();

        InputStream body();

        @Override
        void close() throws IOException;
    }
}
