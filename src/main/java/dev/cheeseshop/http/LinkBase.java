package dev.cheeseshop.http;

import dev.cheeseshop.index.PublicUrl;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * The start of the absolute URLs the JSON API writes (file, project and release URLs, its
 * redirects). With {@code --public-url} configured, that URL; otherwise the request's own scheme
 * and {@code Host} (the port left out when it is the scheme's default, as WebOb does on pypi.org),
 * so a document is right for whatever name the client used. Documents that embed it must be cached
 * per base.
 */
final class LinkBase {
    private final String fixed;

    private LinkBase(String fixed) {
        this.fixed = fixed;
    }

    /** The request's scheme and {@code Host}. */
    static LinkBase fromRequests() {
        return new LinkBase(null);
    }

    /** Always the configured public URL; null means {@link #fromRequests()}. */
    static LinkBase of(PublicUrl configured) {
        if (configured == null) {
            return fromRequests();
        }
        String root = configured.root();
        return new LinkBase(root.substring(0, root.length() - 1));
    }

    /** The base URL for this exchange, without a trailing slash. */
    String base(Exchange exchange) {
        if (fixed != null) {
            return fixed;
        }
        Request request = exchange.request();
        HttpURI uri = request.getHttpURI();
        String scheme = uri.getScheme();
        String host = uri.hasAuthority() ? uri.getHost() : Request.getServerName(request);
        int port = uri.hasAuthority() ? uri.getPort() : Request.getServerPort(request);
        boolean defaultPort = port <= 0 || (port == 80 && "http".equals(scheme))
                || (port == 443 && "https".equals(scheme));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
