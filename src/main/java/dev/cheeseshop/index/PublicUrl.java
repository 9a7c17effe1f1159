package dev.cheeseshop.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The address clients reach the index at, from which every absolute link is built (the RSS feeds,
 * the JSON API): an absolute http or https URL, perhaps with a path prefix, kept with a trailing
 * slash ({@code https://pypi.example.org/} or {@code https://example.org/pypi/}). Configured with
 * {@code serve --public-url}; by default the address the server listens on.
 */
public final class PublicUrl {
    private final String root;

    private PublicUrl(String root) {
        this.root = root;
    }

    /**
     * Parses a configured URL; {@link IllegalArgumentException} with a one-line reason when it is
     * not an absolute http(s) URL with a host, or has credentials, a query or a fragment.
     */
    public static PublicUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text).parseServerAuthority();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("use an absolute http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the URL must not carry credentials");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URL must not have a query or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return new PublicUrl(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path);
    }

    /** The address a server listens on ({@code http://127.0.0.1:8080/}). */
    public static PublicUrl of(URI served) {
        return parse(served.toString());
    }

    /** The site root, with its trailing slash: {@code https://pypi.example.org/}. */
    public String root() {
        return root;
    }

    /** An absolute URL for a path relative to the root ({@code simple/} or {@code rss/updates.xml}). */
    public String resolve(String relativePath) {
        String path = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        return root + UrlPaths.encodePath(path);
    }

    /** A project's page: {@code <root>project/<normalized>/}. */
    public String project(String normalizedName) {
        return root + "project/" + segment(normalizedName) + "/";
    }

    /** A release's page: {@code <root>project/<normalized>/<version>/}. */
    public String release(String normalizedName, String version) {
        return root + "project/" + segment(normalizedName) + "/" + segment(version) + "/";
    }

    /** One path segment, percent-encoded as pyramid's {@code route_url} does. */
    private static String segment(String value) {
        return UrlPaths.encodePath(value).replace("/", "%2F");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicUrl other && other.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return root;
    }
}
