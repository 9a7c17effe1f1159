package dev.cheeseshop.http;

/** Response headers several handlers share, with PyPI's values. */
final class Headers {
    static final String LAST_SERIAL = "X-PyPI-Last-Serial";
    static final String HTML = "text/html; charset=UTF-8";

    private Headers() {}

    /** The CORS headers PyPI sends on its read APIs. */
    static void cors(Exchange exchange) {
        exchange.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers",
                        "Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since")
                .header("Access-Control-Allow-Methods", "GET")
                .header("Access-Control-Max-Age", "86400")
                .header("Access-Control-Expose-Headers", LAST_SERIAL);
    }

    /** A redirect target keeping the request's query string. */
    static String withQuery(String path, Exchange exchange) {
        String query = exchange.rawQuery();
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }
}
