package dev.cheeseshop.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.manage.CreateToken;
import dev.cheeseshop.manage.Expiry;
import dev.cheeseshop.manage.ListTokens;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.RevokeToken;
import dev.cheeseshop.model.ApiToken;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/tokens}: create (the secret is in this one answer only), list the caller's own
 * (never a secret: none is kept) and revoke. A token's JSON:
 * {@code {"id", "name", "projects", "created", "expires", "last_used", "revoked"}}, times in
 * ISO-8601 UTC or null.
 *
 * <p>{@code expires} on creation: a whole number of seconds from now, or an ISO-8601 date-time
 * with an offset or a date, as a string (see {@link Expiry}).
 */
final class TokenApi {
    private final CreateToken create;
    private final ListTokens list;
    private final RevokeToken revoke;
    private final Clock clock;

    TokenApi(CreateToken create, ListTokens list, RevokeToken revoke, Clock clock) {
        this.create = create;
        this.list = list;
        this.revoke = revoke;
        this.clock = clock;
    }

    void register(ApiV1 api) {
        api.post("/tokens", this::create)
                .get("/tokens", this::list)
                .delete("/tokens/{id}", this::revoke);
    }

    private ApiV1.Answer create(ApiRequest request) throws ApiError, ManageProblem {
        String name = request.string("name").orElseThrow(() -> ApiError.badRequest("name: a token needs a name"));
        CreateToken.Created created = create.asPrincipal(request.principal(),
                new CreateToken.Request(name, request.strings("projects"), expires(request)));
        Map<String, Object> body = json(created.token());
        body.put("token", created.secret());
        return new ApiV1.Answer(201, body);
    }

    private Instant expires(ApiRequest request) throws ApiError, ManageProblem {
        JsonNode node = request.field("expires").orElse(null);
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Expiry.parse(Long.toString(node.longValue()), clock.instant());
        }
        if (node.isTextual()) {
            return Expiry.parse(node.textValue(), clock.instant());
        }
        throw ApiError.badRequest("expires: a number of seconds, or an ISO-8601 date or date-time as a string");
    }

    private ApiV1.Answer list(ApiRequest request) {
        return new ApiV1.Answer(200, Map.of("tokens",
                list.of(request.principal().user()).stream().map(TokenApi::json).toList()));
    }

    private ApiV1.Answer revoke(ApiRequest request) throws ApiError, ManageProblem {
        return new ApiV1.Answer(200, json(revoke.asPrincipal(request.principal(), request.idParam("id"))));
    }

    static Map<String, Object> json(ApiToken token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", token.id());
        out.put("name", token.name());
        out.put("projects", token.projects());
        out.put("created", time(token.created()));
        out.put("expires", time(token.expires()));
        out.put("last_used", time(token.lastUsed()));
        out.put("revoked", time(token.revoked()));
        return out;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
