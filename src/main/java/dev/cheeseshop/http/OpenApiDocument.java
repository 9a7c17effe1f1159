package dev.cheeseshop.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}, without authentication: the OpenAPI 3.1 description of this
 * API, the hand-written resource {@value #RESOURCE}. {@code http/OpenApiTest} holds it equal to
 * the route table, both ways.
 */
final class OpenApiDocument {
    static final String RESOURCE = "/openapi/v1.json";

    private final JsonNode document;

    OpenApiDocument() {
        this.document = load();
    }

    static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return ApiV1.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(ApiV1 api) {
        api.openGet("/openapi.json", request -> new ApiV1.Answer(200, document));
    }
}
