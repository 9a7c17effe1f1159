package dev.cheeseshop.http;

import dev.cheeseshop.xmlrpc.CallGate;
import dev.cheeseshop.xmlrpc.Dispatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyPI's XML-RPC endpoint on {@code /pypi}, {@code /pypi/} and {@code /RPC2}. Only a POST whose
 * Content-Type starts with {@code text/xml} is XML-RPC; every result and fault goes out as HTTP
 * 200 {@code text/xml; charset=UTF-8}. Anything else gets the plain HTTP answer PyPI gives.
 */
final class XmlRpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(XmlRpcHandler.class);
    static final String CONTENT_TYPE = "text/xml; charset=UTF-8";

    private final Dispatcher dispatcher;
    private final CallGate gate;

    XmlRpcHandler(Dispatcher dispatcher, CallGate gate) {
        this.dispatcher = dispatcher;
        this.gate = gate;
    }

    void register(Routes routes) {
        for (String path : new String[] {"/pypi", "/pypi/", "/RPC2"}) {
            routes.post(path, this::call);
        }
        routes.get("/pypi", ex -> ex.redirect(301, Headers.withQuery("/pypi/", ex)))
                .get("/pypi/", ex -> ex.redirect(301, "/"));
    }

    private void call(Exchange exchange) throws IOException {
        if (!exchange.header("Content-Type").orElse("").startsWith("text/xml")) {
            notXmlRpc(exchange);
            return;
        }
        OutputStream out = exchange.stream(200, CONTENT_TYPE);
        Dispatcher.Outcome outcome = dispatcher.handle(exchange.body(), keywords(exchange), gate, out);
        if (outcome.error() != null) {
            LOG.error("XML-RPC {} failed", outcome.methodName(), outcome.error());
        }
        if (outcome.truncated()) {
            throw new IOException("XML-RPC response to " + outcome.methodName() + " failed part-way");
        }
    }

    /** What PyPI answers a request that is not XML-RPC on these paths. */
    private static void notXmlRpc(Exchange exchange) throws IOException {
        switch (exchange.path()) {
            case "/pypi" -> exchange.redirect(301, Headers.withQuery("/pypi/", exchange));
            case "/pypi/" -> exchange.redirect(301, "/");
            default -> exchange.sendText(404, "404 Not Found");
        }
    }

    private static Map<String, String> keywords(Exchange exchange) {
        Map<String, String> keywords = new LinkedHashMap<>();
        for (Fields.Field field : exchange.query()) {
            keywords.put(field.getName(), field.getValues().get(field.getValues().size() - 1));
        }
        return keywords;
    }
}
