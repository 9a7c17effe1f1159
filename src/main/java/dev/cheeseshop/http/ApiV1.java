package dev.cheeseshop.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cheeseshop.auth.Authenticator;
import dev.cheeseshop.auth.Login;
import dev.cheeseshop.manage.ManageProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management JSON API under {@code /api/v1}: a route group with its own table, so that it
 * answers every path below it in its own form. What each call goes through, in order:
 * <ol>
 * <li>the route (an unknown path is 404, a known path with another method 405, in JSON);</li>
 * <li>authentication: HTTP Basic (a password, or {@code __token__} and a token) or
 * {@code Bearer <token>}, else 401 with a {@code WWW-Authenticate} challenge;</li>
 * <li>the body: on any request that has one, the Content-Type must be {@code application/json}
 * (415 otherwise: a browser cannot send that cross-site without a CORS preflight, which is never
 * granted, and no cookie is ever read, so there is no CSRF); at most {@link #MAX_BODY} bytes
 * (413); a JSON object (400). A POST, PUT or PATCH without a body counts as {@code {}} when it
 * comes from a script ({@code curl -X POST}): no Content-Type and no {@code Origin} header. A
 * browser sends {@code Origin} with every POST, and a cross-site one without a body is a "simple"
 * request sent without a preflight, with any Basic credentials the browser has cached, so from a
 * browser the JSON Content-Type stays required;</li>
 * <li>the handler, whose {@link ApiError} or {@link ManageProblem} becomes its status.</li>
 * </ol>
 * Every error is {@code {"errors": [{"status": "...", "detail": "..."}]}}. To add endpoints, call
 * {@link #get}, {@link #post}, {@link #put} or {@link #delete} with a pattern below {@code /api/v1}.
 */
public final class ApiV1 {
    public static final String PREFIX = "/api/v1";
    static final int MAX_BODY = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiV1.class);
    private static final Set<String> ALL_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    /** A JSON API endpoint: answers a status and a document to write as JSON. */
    @FunctionalInterface
    public interface Handler {
        Answer handle(ApiRequest request) throws ApiError, ManageProblem;
    }

    /** What a handler answers: a status and a JSON value (maps, lists, strings, numbers, null). */
    public record Answer(int status, Object body) {}

    private final Routes table = new Routes();
    private final List<Route> routes = new java.util.ArrayList<>();
    private final Authenticator authenticator;
    private final AtomicLong failures = new AtomicLong();

    public ApiV1(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Registers the whole group on the site's table: every method, every path under the prefix. */
    public void register(Routes routes) {
        routes.add(ALL_METHODS, PREFIX + "/{path*}", this::serve);
        routes.add(ALL_METHODS, PREFIX, this::serve);
        routes.nest(table); // requests are counted under the group's own patterns
    }

    public ApiV1 get(String pattern, Handler handler) {
        return add("GET", pattern, handler);
    }

    /** GET without authentication: for what is public, such as the API's own description. */
    public ApiV1 openGet(String pattern, Handler handler) {
        return add("GET", pattern, handler, true);
    }

    public ApiV1 post(String pattern, Handler handler) {
        return add("POST", pattern, handler);
    }

    public ApiV1 put(String pattern, Handler handler) {
        return add("PUT", pattern, handler);
    }

    public ApiV1 delete(String pattern, Handler handler) {
        return add("DELETE", pattern, handler);
    }

    private ApiV1 add(String method, String pattern, Handler handler) {
        return add(method, pattern, handler, false);
    }

    private ApiV1 add(String method, String pattern, Handler handler, boolean open) {
        Set<String> methods = method.equals("GET") ? Set.of("GET", "HEAD") : Set.of(method);
        table.add(methods, PREFIX + pattern, new Bound(handler, open));
        routes.add(new Route(method, pattern));
        return this;
    }

    /** A route of the group: its method (GET stands for GET and HEAD) and its pattern below {@link #PREFIX}. */
    public record Route(String method, String pattern) {}

    /** Every route of the group, in the order added: what {@code openapi/v1.json} must describe. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** An API handler in the inner table; never run as a plain handler. */
    private record Bound(Handler handler, boolean open) implements Routes.Handler {
        @Override
        public void handle(Exchange exchange) {
            throw new IllegalStateException("API handlers run through ApiV1");
        }
    }

    private void serve(Exchange exchange) throws IOException {
        try {
            Answer answer = call(exchange);
            send(exchange, answer.status(), answer.body());
        } catch (ApiError e) {
            error(exchange, e.status(), e.getMessage());
        } catch (ManageProblem e) {
            e.retryAfter().ifPresent(wait -> exchange.header("Retry-After", Long.toString(Login.seconds(wait))));
            error(exchange, e.kind().status(), e.getMessage());
        } catch (RuntimeException e) {
            String id = "api-" + Long.toString(System.currentTimeMillis(), 36) + "-" + failures.incrementAndGet();
            LOG.error("request {} {} failed (error id {})", LogSafe.text(exchange.method()),
                    LogSafe.text(exchange.path()), id, e);
            error(exchange, 500, "internal error (error id " + id + ")");
        }
    }

    private Answer call(Exchange exchange) throws ApiError, ManageProblem, IOException {
        String method = exchange.method();
        Routes.Match match = table.match(method, exchange.path());
        if (!match.found()) {
            if (match.allowed().isEmpty()) {
                throw ApiError.notFound("no such resource: " + exchange.path());
            }
            exchange.header("Allow", String.join(", ", match.allowed().stream().sorted().toList()));
            throw new ApiError(405, "method " + method + " is not allowed here");
        }
        Bound bound = (Bound) match.handler();
        exchange.meter(match.meter());
        if (bound.open()) {
            return bound.handler().handle(ApiRequest.of(null, match.params(), null, query(exchange), exchange.remoteAddress()));
        }
        Authenticator.Outcome auth = AuthHeader.authenticate(authenticator, exchange);
        if (auth.refusal() == Authenticator.Refusal.THROTTLED || auth.refusal() == Authenticator.Refusal.BUSY) {
            exchange.header("Retry-After", Long.toString(Login.seconds(auth.retryAfter())));
            throw auth.refusal() == Authenticator.Refusal.THROTTLED
                    ? new ApiError(429, UploadResponses.FAILED_LOGINS_DETAIL)
                    : new ApiError(503, UploadResponses.LOGINS_BUSY);
        }
        if (!auth.accepted()) {
            exchange.header("WWW-Authenticate", "Basic realm=\"cheeseshop\", Bearer realm=\"cheeseshop\"");
            throw new ApiError(401, auth.refusal() == Authenticator.Refusal.EXPIRED
                    ? "Invalid API Token: token is expired"
                    : "authentication required: HTTP Basic with a username and password or __token__ and an API "
                            + "token, or Authorization: Bearer <token>");
        }
        ObjectNode body = readBody(exchange);
        return bound.handler().handle(ApiRequest.of(auth.principal(), match.params(), body, query(exchange), exchange.remoteAddress()));
    }

    /** The query's parameters, the first value of each name; a malformed query is 400. */
    private static Map<String, String> query(Exchange exchange) throws ApiError {
        if (exchange.rawQuery() == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        try {
            exchange.query().forEach(field -> out.putIfAbsent(field.getName(), field.getValue()));
        } catch (RuntimeException e) {
            throw ApiError.badRequest("the query string is malformed");
        }
        return out;
    }

    /** The JSON object the request carries, or null when it carries none (allowed on GET and DELETE). */
    private static ObjectNode readBody(Exchange exchange) throws ApiError, IOException {
        long length = exchange.contentLength();
        boolean hasBody = length > 0 || (length < 0 && exchange.header("Transfer-Encoding").isPresent());
        if (!hasBody && !BODY_METHODS.contains(exchange.method())) {
            return null;
        }
        Optional<String> contentType = exchange.header("Content-Type");
        if (!hasBody && contentType.isEmpty() && exchange.header("Origin").isEmpty()) {
            return null;
        }
        String type = contentType.orElse("");
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiError(415, "the body must be JSON, with Content-Type: application/json"
                    + (type.isEmpty() ? "" : " (got '" + LogSafe.text(type) + "')"));
        }
        if (length > MAX_BODY) {
            throw new ApiError(413, "the body must be at most " + MAX_BODY + " bytes");
        }
        byte[] bytes;
        try (InputStream in = exchange.body()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiError(413, "the body must be at most " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiError.badRequest("the body must be a JSON object, such as {}");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw ApiError.badRequest("the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static void send(Exchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendEmpty(status);
            return;
        }
        exchange.header("Cache-Control", "no-store");
        exchange.send(status, "application/json", json(body));
    }

    /** The one error form of this API. */
    static void error(Exchange exchange, int status, String detail) throws IOException {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("status", Integer.toString(status));
        one.put("detail", detail);
        send(exchange, status, Map.of("errors", List.of(one)));
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
