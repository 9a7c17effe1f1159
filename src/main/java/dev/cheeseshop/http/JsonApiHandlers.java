package dev.cheeseshop.http;

import dev.cheeseshop.index.JsonApiPages;
import dev.cheeseshop.index.JsonDocument;
import dev.cheeseshop.index.Rendered;
import dev.cheeseshop.index.UrlPaths;
import dev.cheeseshop.model.ProjectName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * PyPI's JSON API: {@code /pypi/<project>/json} (the latest release, with every release) and
 * {@code /pypi/<project>/<version>/json} (one release), each also with a trailing slash. A name
 * not in normalised form is redirected (301) to it once the document is known to exist; anything
 * missing is {@code 404 {"message": "Not Found"}}. Documents carry {@code X-PyPI-Last-Serial},
 * PyPI's CORS headers, its cache lifetime and a strong ETag, and answer a matching
 * {@code If-None-Match} with 304. Documents come from the render cache ({@link JsonApiPages}).
 */
final class JsonApiHandlers {
    static final String CACHE_CONTROL = "max-age=900, public";
    private static final byte[] NOT_FOUND = "{\"message\": \"Not Found\"}".getBytes(StandardCharsets.UTF_8);

    private final JsonApiPages pages;
    private final LinkBase publicUrl;

    JsonApiHandlers(JsonApiPages pages, LinkBase publicUrl) {
        this.pages = pages;
        this.publicUrl = publicUrl;
    }

    void register(Routes routes) {
        routes.get("/pypi/{name}/json", this::project)
                .get("/pypi/{name}/json/", this::project)
                .get("/pypi/{name}/{version}/json", this::release)
                .get("/pypi/{name}/{version}/json/", this::release);
    }

    private void project(Exchange exchange) throws IOException {
        answer(exchange, exchange.param("name"), null);
    }

    private void release(Exchange exchange) throws IOException {
        answer(exchange, exchange.param("name"), exchange.param("version"));
    }

    private void answer(Exchange exchange, String name, String version) throws IOException {
        Headers.cors(exchange);
        String base = publicUrl.base(exchange);
        String normalized = ProjectName.normalize(name);
        Optional<Rendered> doc = pages.document(normalized, version, base);
        if (doc.isEmpty()) {
            exchange.send(404, JsonDocument.CONTENT_TYPE, NOT_FOUND);
            return;
        }
        exchange.header("Cache-Control", CACHE_CONTROL);
        if (!name.equals(normalized)) {
            String path = "/pypi/" + normalized + (version == null ? "" : "/" + UrlPaths.encodePath(version))
                    + "/json" + (exchange.path().endsWith("/") ? "/" : "");
            exchange.redirect(301, Headers.withQuery(base + path, exchange));
            return;
        }
        Rendered rendered = doc.get();
        exchange.header(Headers.LAST_SERIAL, Long.toString(rendered.serial().value()))
                .header("ETag", rendered.etag());
        if (Conditional.matches(exchange.header("If-None-Match"), rendered.etag())) {
            exchange.sendEmpty(304);
            return;
        }
        exchange.send(200, JsonDocument.CONTENT_TYPE, rendered.body());
    }
}
