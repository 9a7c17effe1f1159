package dev.cheeseshop.proxy.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The upstream's Simple API root as configured, split into the URL requests go to (without
 * credentials, ending in {@code /}) and the HTTP Basic credentials its {@code user:password@}
 * carried, if any. The credentials are sent only to the root's own origin (scheme, host and port),
 * never to another (a files CDN a page links to, or a redirect's target), and nothing here shows
 * them: {@link #toString()} and {@link #url()} are the URL without them.
 */
final class UpstreamRoot {
    private final URI url;
    private final Optional<String> authorization;

    private UpstreamRoot(URI url, Optional<String> authorization) {
        this.url = url;
        this.authorization = authorization;
    }

    /**
     * Parses the configured root: {@code http} or {@code https}, a host, no query or fragment; a
     * missing final {@code /} is added. The message of a refusal never repeats the text, which may
     * hold a password.
     */
    static UpstreamRoot parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the upstream URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the upstream URL must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the upstream URL has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the upstream URL must not have a query or a fragment");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        URI bare = URI.create(scheme + "://" + hostPart(uri.getHost()) + port + path);
        Optional<String> authorization = Optional.ofNullable(uri.getUserInfo()).map(UpstreamRoot::basic);
        return new UpstreamRoot(bare, authorization);
    }

    private static String hostPart(String host) {
        return host.toLowerCase(Locale.ROOT);
    }

    private static String basic(String userInfo) {
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The root without credentials, ending in {@code /}. */
    URI url() {
        return url;
    }

    /** The URL of a project's page: {@code <root><name>/}. */
    URI page(String normalizedName) {
        return url.resolve(normalizedName + "/");
    }

    /**
     * The URL of a project's JSON API document: {@code <root>/../pypi/<name>/json}
     * ({@code https://pypi.org/simple/} gives {@code https://pypi.org/pypi/<name>/json}); a root
     * at {@code /} has no parent, so it is {@code /pypi/<name>/json} there.
     */
    URI jsonApi(String normalizedName) {
        String relative = "pypi/" + normalizedName + "/json";
        return url.resolve(url.getRawPath().equals("/") ? relative : "../" + relative);
    }

    /** The {@code Authorization} header for a request to {@code target}: only on the root's origin. */
    Optional<String> authorizationFor(URI target) {
        return sameOrigin(url, target) ? authorization : Optional.empty();
    }

    /** Whether credentials were configured. */
    boolean hasCredentials() {
        return authorization.isPresent();
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * What a message calls the server at {@code uri}: its host and any explicit port, never the
     * user information, path or query (a signed URL's query is a credential too).
     */
    static String hostOf(URI uri) {
        String host = uri.getHost() == null ? "(no host)" : uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
