package dev.cheeseshop.http;

import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;

/** Response headers several handlers share, with PyPI's values. */
final class Headers {
    static final String LAST_SERIAL = "X-PyPI-Last-Serial";
    static final String HTML = "text/html; charset=UTF-8";

    private Headers() {}

    /** The CORS headers PyPI sends on its read APIs, encoded once. */
    private static final List<HttpField> CORS = List.of(
            new PreEncodedHttpField("Access-Control-Allow-Origin", "*"),
            new PreEncodedHttpField("Access-Control-Allow-Headers",
                    "Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since"),
            new PreEncodedHttpField("Access-Control-Allow-Methods", "GET"),
            new PreEncodedHttpField("Access-Control-Max-Age", "86400"),
            new PreEncodedHttpField("Access-Control-Expose-Headers", LAST_SERIAL));

    static void cors(Exchange exchange) {
        for (HttpField field : CORS) {
            exchange.header(field);
        }
    }

    /** A redirect target keeping the request's query string. */
    static String withQuery(String path, Exchange exchange) {
        String query = exchange.rawQuery();
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }
}
