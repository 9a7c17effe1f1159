package dev.cheeseshop.http;

import java.net.URI;
import java.util.Locale;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * Where clients reach the index: the start of every absolute URL an answer carries (the JSON
 * API's file and project URLs, its redirects). Unless a fixed public URL is configured, it is
 * the request's own scheme and {@code Host} (the port left out when it is the scheme's default, as
 * WebOb does on pypi.org), so a document is right for whatever name the client used. Behind a proxy that terminates TLS or rewrites {@code Host}, configure it. Documents that
 * embed it must be cached per base URL.
 */
public final class PublicUrl {
    private final String fixed;

    private PublicUrl(String fixed) {
        this.fixed = fixed;
    }

    /** The request's scheme and {@code Host}. */
    public static PublicUrl fromRequests() {
        return new PublicUrl(null);
    }

    /** A fixed base such as {@code https://pypi.example.org} or {@code https://example.org/pypi}. */
    public static PublicUrl of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a public URL is http(s)://host[:port][/path] without query or "
                    + "fragment: " + uri);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new PublicUrl(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** The base URL for this exchange, without a trailing slash. */
    public String base(Exchange exchange) {
        if (fixed != null) {
            return fixed;
        }
        Request request = exchange.request();
        HttpURI uri = request.getHttpURI();
        String scheme = uri.getScheme();
        String host = uri.hasAuthority() ? uri.getHost() : Request.getServerName(request);
        int port = uri.hasAuthority() ? uri.getPort() : Request.getServerPort(request);
        boolean defaultPort = port <= 0 || (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
