package dev.cheeseshop.http;

import dev.cheeseshop.index.Rendered;
import dev.cheeseshop.index.SimplePages;
import dev.cheeseshop.proxy.ProxyAnswer;
import dev.cheeseshop.proxy.ProxyPages;
import java.io.IOException;

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

    ProxyPageHandler(ProxyPages pages) {
        this.pages = pages;
    }

    void page(Exchange exchange, String normalizedName, SimpleMedia media) throws IOException {
        ProxyAnswer answer = pages.page(normalizedName);
        if (!answer.policy().isEmpty()) {
            exchange.header(POLICY_HEADER, answer.policy());
        }
        if (answer instanceof ProxyAnswer.Missing missing) {
            exchange.sendText(404, missing.message());
            return;
        }
        ProxyAnswer.Page page = (ProxyAnswer.Page) answer;
        Rendered rendered = Rendered.of(SimplePages.render(page.page(), media.format()), page.page().lastSerial());
        exchange.header(UPSTREAM_HEADER, page.stale() ? "stale" : "fresh");
        SimpleHandlers.common(exchange, rendered.serial(), rendered.etag());
        if (Conditional.matches(exchange.header("If-None-Match"), rendered.etag())) {
            exchange.sendEmpty(304);
            return;
        }
        exchange.send(200, media.contentType(), rendered.body());
    }
}
