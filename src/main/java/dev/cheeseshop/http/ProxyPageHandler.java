package dev.cheeseshop.http;

import dev.cheeseshop.index.Rendered;
import dev.cheeseshop.index.SimplePages;
import dev.cheeseshop.proxy.ProxyAnswer;
import dev.cheeseshop.proxy.ProxyPages;
import java.io.IOException;
import java.util.Optional;

/**
 * The Simple API page of a project this index does not have, answered from the upstream
 * ({@link ProxyPages}) in this server's own form: the same renderings, negotiation, ETags and
 * headers as a local project's page, plus {@value #POLICY_HEADER} when the policy hid something and
 * {@value #UPSTREAM_HEADER} ({@code stale} when the upstream failed and the cached page was served).
 */
final class ProxyPageHandler {
    static final String POLICY_HEADER = "X-Cheeseshop-Policy";
    static final String UPSTREAM_HEADER = "X-Cheeseshop-Upstream";

    private final ProxyPages pages;
    private final SimplePages rendered;

    /** {@code rendered}: where pages rendered from a fresh cached state are kept (the render cache). */
    ProxyPageHandler(ProxyPages pages, SimplePages rendered) {
        this.pages = pages;
        this.rendered = rendered;
    }

    void page(Exchange exchange, String normalizedName, SimpleMedia media) throws IOException {
        Optional<String> state = pages.freshState(normalizedName);
        Optional<Rendered> kept = state.flatMap(s -> rendered.upstream(normalizedName, s, media.format()));
        if (kept.isPresent()) {
            pages.servedKept();
            send(exchange, media, kept.get(), false);
            return;
        }
        ProxyAnswer answer = pages.page(normalizedName);
        if (!answer.policy().isEmpty()) {
            exchange.header(POLICY_HEADER, answer.policy());
        }
        if (answer instanceof ProxyAnswer.Missing missing) {
            exchange.sendText(404, missing.message());
            return;
        }
        ProxyAnswer.Page page = (ProxyAnswer.Page) answer;
        Rendered document = Rendered.of(SimplePages.render(page.page(), media.format()), page.page().lastSerial());
        if (state.isPresent() && !page.stale() && page.policy().isEmpty()) {
            // Rendered from the state named (or a later one, whose name will then differ): kept for the next request.
            rendered.keepUpstream(normalizedName, state.get(), media.format(), document);
        }
        send(exchange, media, document, page.stale());
    }

    private static void send(Exchange exchange, SimpleMedia media, Rendered document, boolean stale) throws IOException {
        exchange.header(UPSTREAM_HEADER, stale ? "stale" : "fresh");
        SimpleHandlers.common(exchange, document.serial(), document.etag());
        if (Conditional.matches(exchange.header("If-None-Match"), document.etag())) {
            exchange.sendEmpty(304);
            return;
        }
        exchange.send(200, media.contentType(), document.body());
    }
}
