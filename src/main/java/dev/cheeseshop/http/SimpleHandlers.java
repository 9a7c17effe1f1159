package dev.cheeseshop.http;

import dev.cheeseshop.index.ProjectPage;
import dev.cheeseshop.index.SimpleHtml;
import dev.cheeseshop.index.SimpleIndex;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The Simple Repository API (PEP 503): the project index and each project's page. */
final class SimpleHandlers {
    private final SimpleIndex index;

    SimpleHandlers(SimpleIndex index) {
        this.index = index;
    }

    void register(Routes routes) {
        routes.get("/simple/", this::index)
                .get("/simple", ex -> ex.redirect(301, Headers.withQuery("/simple/", ex)))
                .get("/simple/{name}/", this::project)
                .get("/simple/{name}", ex -> ex.redirect(301,
                        Headers.withQuery("/simple/" + ProjectName.normalize(ex.param("name")) + "/", ex)));
    }

    private void index(Exchange exchange) {
        index.listing(new SimpleIndex.ListingSink() {
            private Writer out;

            @Override
            public void begin(Serial lastSerial) {
                common(exchange, lastSerial);
                OutputStream body = exchange.stream(200, Headers.HTML);
                out = new OutputStreamWriter(body, StandardCharsets.UTF_8);
                write(SimpleHtml.indexHead());
            }

            @Override
            public void project(ProjectListing project) {
                write(SimpleHtml.indexRow(project));
            }

            @Override
            public void end() {
                write(SimpleHtml.indexTail());
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private void write(String text) {
                try {
                    out.write(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private void project(Exchange exchange) throws IOException {
        String name = exchange.param("name");
        if (!SimpleHtml.isNormalized(name)) {
            Headers.cors(exchange);
            exchange.redirect(301, Headers.withQuery("/simple/" + ProjectName.normalize(name) + "/", exchange));
            return;
        }
        Optional<ProjectPage> page = index.page(name);
        if (page.isEmpty()) {
            exchange.sendText(404, "404 Not Found");
            return;
        }
        common(exchange, page.get().lastSerial());
        exchange.send(200, Headers.HTML, SimpleHtml.project(page.get()));
    }

    private static void common(Exchange exchange, Serial serial) {
        Headers.cors(exchange);
        exchange.header(Headers.LAST_SERIAL, Long.toString(serial.value()))
                .header("Cache-Control", "max-age=600, public")
                .header("Vary", "Accept");
    }
}
