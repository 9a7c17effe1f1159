package dev.cheeseshop.http;

import dev.cheeseshop.index.LandingPage;
import dev.cheeseshop.index.Rendered;
import java.io.IOException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * {@code GET|HEAD /}: the landing page for a person with a browser ({@link LandingPage}), with its
 * URLs from the configured public URL or else the request's {@code Host} ({@link LinkBase}). It
 * carries the journal's last serial and a strong ETag, a matching {@code If-None-Match} gets a 304,
 * and {@code Cache-Control: no-cache} has caches ask again each time, since every upload changes
 * it. The page has no script: its policy allows none, nor anything else but its inline style.
 */
final class LandingHandler {
    private static final HttpField CACHE_CONTROL = new PreEncodedHttpField("Cache-Control", "no-cache");
    private static final HttpField POLICY = new PreEncodedHttpField("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
                    + " frame-ancestors 'none'");
    private static final HttpField NO_SNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");

    private final LandingPage landing;
    private final LinkBase linkBase;

    LandingHandler(LandingPage landing, LinkBase linkBase) {
        this.landing = landing;
        this.linkBase = linkBase;
    }

    void register(Routes routes) {
        routes.get("/", this::page);
    }

    private void page(Exchange exchange) throws IOException {
        Rendered page = landing.page(linkBase.base(exchange));
        exchange.header(Headers.LAST_SERIAL, Long.toString(page.serial().value()))
                .header("ETag", page.etag())
                .header(CACHE_CONTROL)
                .header(POLICY)
                .header(NO_SNIFF);
        if (Conditional.matches(exchange.header("If-None-Match"), page.etag())) {
            exchange.sendEmpty(304);
            return;
        }
        exchange.send(200, Headers.HTML, page.body());
    }
}
