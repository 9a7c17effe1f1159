package dev.cheeseshop.http;

import dev.cheeseshop.index.Rendered;
import dev.cheeseshop.index.SimpleHtml;
import dev.cheeseshop.index.SimpleIndex;
import dev.cheeseshop.index.SimpleJson;
import dev.cheeseshop.index.SimplePages;
import dev.cheeseshop.index.SimplePages.Format;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.proxy.UpstreamListing;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.util.Callback;

/**
 * The Simple Repository API: the project index (streamed) and each project's page (from the
 * render cache), in PEP 503 HTML or PEP 691 JSON as {@code Accept} asks, with PyPI's headers and
 * conditional GET.
 *
 * <p>ETags change exactly when the bytes do. A project page's is the digest of its bytes
 * ({@link Rendered}). The index is streamed, so its ETag must be known before it is written: the
 * JSON index's is made from the journal's last serial, which is in its body (and the listing is a
 * function of it, as every change is journaled); the HTML index holds no serial, so its ETag is the
 * digest of its bytes, computed once per serial ({@code index.HtmlIndexEtag}).
 */
final class SimpleHandlers {
    private static final HttpField CACHE_CONTROL = new PreEncodedHttpField("Cache-Control", "max-age=600, public");
    private static final HttpField VARY = new PreEncodedHttpField("Vary", "Accept");

    private final SimplePages pages;
    private final ProxyPageHandler proxy;
    private final UpstreamListing merged;

    /**
     * {@code proxy}: where pages of projects this index does not have come from; null when nowhere.
     * {@code merged}: the upstream's listing, to list in {@code /simple/} beside this index's
     * projects; null to list only these.
     */
    SimpleHandlers(SimplePages pages, ProxyPageHandler proxy, UpstreamListing merged) {
        this.pages = pages;
        this.proxy = proxy;
        this.merged = merged;
    }

    void register(Routes routes) {
        routes.get("/simple/", this::index)
                .get("/simple", ex -> redirect(ex, "/simple/"))
                .get("/simple/{name}/", this::projectFromMemory, this::project)
                .get("/simple/{name}", ex -> redirect(ex, "/simple/" + ProjectName.normalize(ex.param("name")) + "/"));
    }

    private static void redirect(Exchange exchange, String path) throws IOException {
        Headers.cors(exchange);
        exchange.redirect(301, Headers.withQuery(path, exchange));
    }

    /** A cached page still current: answered on the I/O thread, without a query. */
    private boolean projectFromMemory(Exchange exchange, Callback callback) {
        String name = exchange.param("name");
        SimpleMedia media = SimpleMedia.choose(exchange.header("Accept"));
        Optional<Rendered> page = pages.fresh(name, media.format());
        if (page.isEmpty()) {
            return false;
        }
        common(exchange, page.get().serial(), page.get().etag());
        if (Conditional.matches(exchange.header("If-None-Match"), page.get().etag())) {
            exchange.sendEmptyAsync(304, callback);
        } else {
            exchange.sendAsync(200, media.contentType(), page.get().body(), callback);
        }
        return true;
    }

    private void project(Exchange exchange) throws IOException {
        String name = exchange.param("name");
        if (!SimpleHtml.isNormalized(name)) {
            redirect(exchange, "/simple/" + ProjectName.normalize(name) + "/");
            return;
        }
        SimpleMedia media = SimpleMedia.choose(exchange.header("Accept"));
        Optional<Rendered> page = pages.project(name, media.format());
        if (page.isEmpty() && proxy != null) {
            proxy.page(exchange, name, media);
            return;
        }
        if (page.isEmpty()) {
            exchange.sendText(404, "404 Not Found");
            return;
        }
        common(exchange, page.get().serial(), page.get().etag());
        if (Conditional.matches(exchange.header("If-None-Match"), page.get().etag())) {
            exchange.sendEmpty(304);
            return;
        }
        exchange.send(200, media.contentType(), page.get().body());
    }

    private void index(Exchange exchange) {
        SimpleMedia media = SimpleMedia.choose(exchange.header("Accept"));
        UpstreamListing.Names upstreamNames = merged == null ? null : merged.names();
        SimpleIndex.ListingSink sink = new SimpleIndex.ListingSink() {
            private OutputStream body;
            private Writer html;
            private SimpleJson.IndexWriter json;

            @Override
            public boolean begin(SimpleIndex.Listing listing) {
                Serial lastSerial = listing.lastSerial();
                String etag = media.format() == Format.JSON ? "\"simple-json-index-" + lastSerial.value() + "\""
                        : listing.htmlEtag();
                if (upstreamNames != null) { // the listing also depends on the upstream's
                    etag = etag.substring(0, etag.length() - 1) + "-u" + upstreamNames.version() + '"';
                }
                common(exchange, lastSerial, etag);
                try {
                    if (Conditional.matches(exchange.header("If-None-Match"), etag)) {
                        exchange.sendEmpty(304);
                        return false;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                body = exchange.stream(200, media.contentType());
                if (media.format() == Format.JSON) {
                    json = new SimpleJson.IndexWriter(body, lastSerial);
                } else {
                    html = new OutputStreamWriter(body, StandardCharsets.UTF_8);
                    write(SimpleHtml.indexHead());
                }
                return true;
            }

            @Override
            public void project(ProjectListing project) {
                if (json != null) {
                    json.project(project);
                } else {
                    write(SimpleHtml.indexRow(project));
                }
            }

            @Override
            public void end() {
                if (json != null) {
                    json.close();
                    return;
                }
                write(SimpleHtml.indexTail());
                try {
                    html.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private void write(String text) {
                try {
                    html.write(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        pages.index().listing(upstreamNames == null ? sink : new MergedListing(sink, upstreamNames, merged::listed));
    }

    /** The headers of every Simple API answer, the 304s included. */
    static void common(Exchange exchange, Serial serial, String etag) {
        Headers.cors(exchange);
        exchange.header(Headers.LAST_SERIAL, Long.toString(serial.value()))
                .header("ETag", etag)
                .header(CACHE_CONTROL)
                .header(VARY);
    }
}
