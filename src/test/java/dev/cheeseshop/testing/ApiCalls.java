package dev.cheeseshop.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Calls to a test server's {@code /api/v1}, as a script would make them. */
public final class ApiCalls {
    private ApiCalls() {}

    /**
     * {@code method} on {@code /api/v1<path>}, with {@code authorization} as the header when not
     * null, and {@code json} as an {@code application/json} body when not null.
     */
    public static Http.Response call(TestServer server, String method, String path, String authorization,
            String json) {
        List<String> headers = new ArrayList<>();
        if (authorization != null) {
            headers.addAll(List.of("Authorization", authorization));
        }
        if (json != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return Http.send(method, server.uri("/api/v1" + path), body, headers.toArray(String[]::new));
    }
}
