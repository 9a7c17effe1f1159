package dev.cheeseshop.http;

import dev.cheeseshop.index.Feeds;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.index.RssXml;
import java.io.IOException;
import java.util.Optional;

/**
 * The RSS 2.0 feeds, as pypi.org serves them: {@code text/xml}, the read APIs' CORS headers, no
 * {@code Cache-Control}. A project's feed is found by any spelling of its name, without a
 * redirect; an unknown project is a plain 404.
 *
 * <p>pypi.org also sends {@code Surrogate-Control} (a day) and {@code Surrogate-Key} for its CDN,
 * which it purges on every change. Cheeseshop purges no cache, so it sends neither: a cache in
 * front of it would otherwise hide new releases for a day.
 */
final class RssHandlers {
    static final String XML = "text/xml; charset=UTF-8";

    private final Feeds feeds;
    private final PublicUrl publicUrl;

    RssHandlers(Feeds feeds, PublicUrl publicUrl) {
        this.feeds = feeds;
        this.publicUrl = publicUrl;
    }

    void register(Routes routes) {
        routes.get("/rss/updates.xml", ex -> send(ex, RssXml.updates(feeds.updates(), publicUrl)))
                .get("/rss/packages.xml", ex -> send(ex, RssXml.packages(feeds.packages(), publicUrl)))
                .get("/rss/project/{name}/releases.xml", this::project);
    }

    private void project(Exchange exchange) throws IOException {
        Optional<Feeds.ProjectFeed> feed = feeds.project(exchange.param("name"));
        if (feed.isEmpty()) {
            exchange.sendText(404, "404 Not Found");
            return;
        }
        send(exchange, RssXml.project(feed.get(), publicUrl));
    }

    private static void send(Exchange exchange, byte[] xml) throws IOException {
        Headers.cors(exchange);
        exchange.send(200, XML, xml);
    }
}
