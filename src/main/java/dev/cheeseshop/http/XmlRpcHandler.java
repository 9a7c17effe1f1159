package dev.cheeseshop.http;

import dev.cheeseshop.xmlrpc.CallGate;
import dev.cheeseshop.xmlrpc.Dispatcher;
import dev.cheeseshop.xmlrpc.RateLimiter;
import dev.cheeseshop.xmlrpc.XmlRpcFault;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyPI's XML-RPC endpoint on {@code /pypi}, {@code /pypi/} and {@code /RPC2}
 * (warehouse-xmlrpc.md §2). Only a request whose Content-Type starts with {@code text/xml} is
 * XML-RPC; every result and fault goes out as HTTP 200 {@code text/xml; charset=UTF-8}. Anything
 * else gets the plain HTTP answer PyPI gives: 301 {@code /pypi} to {@code /pypi/}, 301
 * {@code /pypi/} to {@code /}, 404 on {@code /RPC2}; except that {@code /pypi} with a legacy
 * {@code :action} answers as PyPI's old actions do (warehouse-http.md §1.1, §4): the RSS actions
 * redirect to the feeds, and uploads (a form posted to {@code /pypi}, as old twine configurations
 * do) are 410 Gone, pointing at {@code /legacy/}.
 *
 * <p>As on PyPI, once the method is known: a request that is not a POST is the fault -32500
 * {@code application error}; then the optional rate limiter counts the call by client address
 * (so calls with bad arguments count, unknown methods do not), adds the {@code RateLimit-Policy}
 * and {@code RateLimit} headers, and refuses a call over the limit with PyPI's
 * {@code HTTPTooManyRequests} fault.
 */
final class XmlRpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(XmlRpcHandler.class);
    static final String CONTENT_TYPE = "text/xml; charset=UTF-8";
    /** PyPI says where uploads went ("... See TODO for more information." there); ours names the path. */
    static final String UPLOAD_MOVED = "This API has moved to /legacy/. Point your upload tool at it.";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final Dispatcher dispatcher;
    private final RateLimiter limiter;

    /** {@code limiter} may be null: no rate limit. */
    XmlRpcHandler(Dispatcher dispatcher, RateLimiter limiter) {
        this.dispatcher = dispatcher;
        this.limiter = limiter;
    }

    void register(Routes routes) {
        for (String path : new String[] {"/pypi", "/pypi/", "/RPC2"}) {
            routes.add(METHODS, path, this::call);
        }
    }

    private void call(Exchange exchange) throws IOException {
        if (!exchange.header("Content-Type").orElse("").startsWith("text/xml")) {
            notXmlRpc(exchange);
            return;
        }
        OutputStream out = exchange.stream(200, CONTENT_TYPE);
        Dispatcher.Outcome outcome = dispatcher.handle(exchange.body(), keywords(exchange), gate(exchange), out);
        String method = outcome.methodName();
        exchange.metrics().xmlrpcCall(method != null && dispatcher.methods().contains(method) ? method : "other",
                !outcome.ok());
        if (outcome.error() != null) {
            LOG.error("XML-RPC {} failed", LogSafe.text(outcome.methodName()), outcome.error());
        }
        if (outcome.truncated()) {
            throw new IOException("XML-RPC response to " + LogSafe.text(outcome.methodName()) + " failed part-way");
        }
    }

    /** Runs once the method is found, before its arguments are checked (PyPI's order). */
    private CallGate gate(Exchange exchange) {
        boolean post = exchange.method().equals("POST");
        return methodName -> {
            if (!post) {
                throw XmlRpcFault.applicationError(null);
            }
            if (limiter != null) {
                RateLimiter.Decision decision = limiter.hit(exchange.remoteAddress());
                exchange.header("RateLimit-Policy", decision.policyHeader());
                exchange.header("RateLimit", decision.stateHeader());
                if (!decision.allowed()) {
                    exchange.metrics().xmlrpcRateLimited();
                    throw decision.fault();
                }
            }
        };
    }

    /** What PyPI answers a request that is not XML-RPC on these paths. */
    private static void notXmlRpc(Exchange exchange) throws IOException {
        if (exchange.path().equals("/pypi") && legacyAction(exchange)) {
            return;
        }
        switch (exchange.path()) {
            case "/pypi" -> exchange.redirect(301, Headers.withQuery("/pypi/", exchange));
            case "/pypi/" -> exchange.redirect(301, "/");
            default -> exchange.sendText(404, "404 Not Found");
        }
    }

    /** PyPI's old {@code /pypi?:action=...} interface; true when it answered. */
    private static boolean legacyAction(Exchange exchange) throws IOException {
        String action = Optional.ofNullable(exchange.query().getValue(":action")).orElse("");
        String contentType = exchange.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        boolean form = exchange.method().equals("POST") && (contentType.startsWith("multipart/form-data")
                || contentType.startsWith("application/x-www-form-urlencoded"));
        switch (action) {
            case "rss" -> exchange.redirect(301, "/rss/updates.xml");
            case "packages_rss" -> exchange.redirect(301, "/rss/packages.xml");
            case "doap" -> UploadResponses.error(exchange, 410, "DOAP is no longer supported.");
            case "file_upload", "submit", "submit_pkg_info", "doc_upload" -> UploadResponses.error(exchange, 410,
                    UPLOAD_MOVED);
            default -> {
                if (!form) {
                    return false;
                }
                // The action of a posted form is in its body; every form action PyPI had here is gone.
                UploadResponses.error(exchange, 410, UPLOAD_MOVED);
            }
        }
        return true;
    }

    private static Map<String, String> keywords(Exchange exchange) {
        Map<String, String> keywords = new LinkedHashMap<>();
        for (Fields.Field field : exchange.query()) {
            keywords.put(field.getName(), field.getValues().get(field.getValues().size() - 1));
        }
        return keywords;
    }
}
