package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi/v1.json} describes exactly the {@code /api/v1} route table: every route is
 * documented and every documented operation is a route, so neither can drift from the other. The
 * document is OpenAPI 3.1 in shape, and the server serves it without authentication.
 */
class OpenApiTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi/v1.json")) {
            assertThat(in).as("the resource openapi/v1.json").isNotNull();
            document = JSON.readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Set<String> documented() {
        Set<String> out = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(key -> {
                if (HTTP_METHODS.contains(key)) {
                    out.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return out;
    }

    private static Set<String> routed() {
        Set<String> out = new TreeSet<>();
        for (ApiV1.Route route : server.app().site().apiRoutes()) {
            out.add(route.method() + " " + route.pattern());
        }
        return out;
    }

    @Test
    void theDocumentedOperationsAreExactlyTheRoutes() {
        Set<String> routed = routed();
        Set<String> documented = documented();
        assertThat(routed).as("the route table").isNotEmpty().contains("GET /openapi.json", "POST /tokens");
        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> notRouted = new TreeSet<>(documented);
        notRouted.removeAll(routed);
        assertThat(undocumented).as("routes missing from openapi/v1.json").isEmpty();
        assertThat(notRouted).as("operations in openapi/v1.json that are no route").isEmpty();
        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void itIsOpenApi31WithTheErrorSchemaAndBothSecuritySchemes() {
        assertThat(document.get("openapi").asText()).matches("3\\.1\\.[0-9]+");
        assertThat(document.at("/info/title").isTextual()).isTrue();
        assertThat(document.at("/info/version").isTextual()).isTrue();
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(ApiV1.PREFIX);
        assertThat(document.at("/components/securitySchemes/basic/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(document.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        JsonNode error = document.at("/components/schemas/Errors/properties/errors/items");
        assertThat(error.at("/required")).containsExactlyInAnyOrder(JSON.valueToTree("status"), JSON.valueToTree("detail"));
        assertThat(error.at("/properties/status/type").asText()).isEqualTo("string");
        assertThat(error.at("/properties/detail/type").asText()).isEqualTo("string");
    }

    /** Each operation: a unique operationId, responses, its path's parameters declared, every $ref resolving. */
    @Test
    void everyOperationIsWellFormedAndEveryReferenceResolves() {
        Set<String> ids = new TreeSet<>();
        Pattern placeholder = Pattern.compile("\\{([^}]+)}");
        document.get("paths").fields().forEachRemaining(path -> {
            assertThat(path.getKey()).startsWith("/");
            path.getValue().fields().forEachRemaining(op -> {
                String where = op.getKey() + " " + path.getKey();
                assertThat(HTTP_METHODS).as(where).contains(op.getKey());
                JsonNode operation = op.getValue();
                assertThat(ids.add(operation.get("operationId").asText())).as("unique operationId of " + where).isTrue();
                assertThat(operation.get("responses").size()).as(where).isPositive();
                operation.get("responses").fieldNames().forEachRemaining(status ->
                        assertThat(status).as(where).matches("[1-5][0-9][0-9]"));
                Set<String> declared = new TreeSet<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    JsonNode resolved = resolve(parameter);
                    if (resolved.get("in").asText().equals("path")) {
                        declared.add(resolved.get("name").asText());
                        assertThat(resolved.get("required").asBoolean()).as(where).isTrue();
                    }
                }
                Set<String> inPath = new TreeSet<>();
                Matcher m = placeholder.matcher(path.getKey());
                while (m.find()) {
                    inPath.add(m.group(1));
                }
                assertThat(declared).as("path parameters of " + where).isEqualTo(inPath);
                boolean open = operation.has("security") && operation.get("security").isEmpty();
                if (!open) {
                    assertThat(operation.get("responses").has("401")).as("401 documented for " + where).isTrue();
                }
            });
        });
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    out.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, out));
        }
    }

    @Test
    void theServerServesTheDocumentWithoutAuthentication() throws Exception {
        Http.Response response = Http.get(server.uri("/api/v1/openapi.json"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(response.text())).isEqualTo(document);
        // the rest of the API still needs credentials
        assertThat(Http.get(server.uri("/api/v1/tokens")).status()).isEqualTo(401);
    }
}
