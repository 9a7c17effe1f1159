package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** API tokens for tests, made the way a user makes them: {@code POST /api/v1/tokens}. */
public final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {}

    /** Creates a token as {@code user} (with a password) with this JSON body; answers the whole response. */
    public static Http.Response create(TestServer server, String user, String password, String json) {
        return Http.send("POST", server.uri("/api/v1/tokens"), json.getBytes(StandardCharsets.UTF_8),
                "Authorization", Uploads.basic(user, password), "Content-Type", "application/json");
    }

    /** Creates a token and answers its secret, failing the test unless the API answered 201. */
    public static String secret(TestServer server, String user, String password, String json) {
        Http.Response response = create(server, user, password, json);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return json(response).get("token").asText();
    }

    public static JsonNode json(Http.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.text(), e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
