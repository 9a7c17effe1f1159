package dev.cheeseshop.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The upload API's answers, shaped as pypi.org shapes them: the message is the reason phrase of
 * the status line and is repeated in the body, which is HTML, JSON or text by the client's Accept
 * header, as Pyramid renders its HTTP exceptions (warehouse-http.md §1.5).
 */
final class UploadResponses {
    /**
     * PyPI's answer to a locked-out login, from the days it took passwords for uploads (Warehouse's
     * {@code accounts.views.failed_logins}): this status line, "for as long as the legacy upload API
     * exists", and {@link #FAILED_LOGINS_DETAIL} in the body, with {@code Retry-After}.
     */
    static final String TOO_MANY_FAILED_LOGINS = "Too Many Failed Login Attempts";
    static final String FAILED_LOGINS_DETAIL = "There have been too many unsuccessful login attempts. Try again later.";
    /** Ours: PyPI has no bound on concurrent password checks to report. */
    static final String LOGINS_BUSY = "Too many logins are being checked at once. Try again in a moment.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OFFERS = List.of("text/html", "application/json");

    private record Status(String title, String explanation) {}

    private static final Map<Integer, Status> STATUSES = Map.of(
            200, new Status("OK", ""),
            400, new Status("Bad Request",
                    "The server could not comply with the request since it is either malformed or otherwise incorrect."),
            403, new Status("Forbidden", "Access was denied to this resource."),
            405, new Status("Method Not Allowed", "The method POST is not allowed for this resource."),
            409, new Status("Conflict", "There was a conflict when trying to complete your request."),
            410, new Status("Gone", "This resource is no longer available.  No forwarding address is given."),
            429, new Status("Too Many Requests",
                    "The action could not be performed because there were too many requests by the client."),
            503, new Status("Service Unavailable",
                    "The server is currently unavailable. Please try again at a later time."),
            413, new Status("Request Entity Too Large",
                    "The body of your request was too large for this server."),
            500, new Status("Internal Server Error",
                    "The server has either erred or is incapable of performing the requested operation."));

    private UploadResponses() {}

    static void error(Exchange exchange, int status, String message) throws IOException {
        error(exchange, status, message, message);
    }

    /** An error whose reason phrase ({@code message}) and body text ({@code detail}) differ. */
    static void error(Exchange exchange, int status, String message, String detail) throws IOException {
        String phrase = ReasonPhrase.sanitize(message);
        exchange.reason(phrase);
        render(exchange, status, status + " " + phrase, detail);
    }

    static void ok(Exchange exchange) throws IOException {
        render(exchange, 200, "200 OK", "");
    }

    private static void render(Exchange exchange, int status, String statusLine, String detail) throws IOException {
        Status s = STATUSES.getOrDefault(status, new Status("Error", ""));
        // Pyramid offers HTML and JSON; with no Accept header, or neither acceptable, it writes text.
        String type = exchange.header("Accept").filter(h -> !h.isBlank())
                .flatMap(h -> Accept.parse(Optional.of(h)).acceptable(OFFERS).stream().findFirst())
                .orElse("text/plain");
        switch (type) {
            // Pyramid leaves the status line unescaped; it carries the client's input, so we escape it.
            case "text/html" -> exchange.send(status, "text/html; charset=UTF-8", bytes("<html>\n <head>\n  <title>"
                    + htmlEscape(statusLine) + "</title>\n </head>\n <body>\n  <h1>" + htmlEscape(statusLine)
                    + "</h1>\n  "
                    + s.explanation + "<br/><br/>\n" + htmlEscape(detail) + "\n\n\n </body>\n</html>"));
            case "application/json" -> {
                Map<String, String> body = new LinkedHashMap<>();
                body.put("message", s.explanation + "\n\n\n" + detail + "\n\n");
                body.put("code", statusLine);
                body.put("title", s.title);
                exchange.send(status, "application/json", json(body));
            }
            default -> exchange.send(status, "text/plain; charset=UTF-8",
                    bytes(statusLine + "\n\n" + s.explanation + "\n\n\n" + detail + "\n\n"));
        }
    }

    private static byte[] json(Map<String, String> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Python's {@code html.escape}, which Pyramid uses for the detail. */
    private static String htmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#x27;");
    }
}
