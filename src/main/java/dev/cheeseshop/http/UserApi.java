package dev.cheeseshop.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.UserManagement;
import dev.cheeseshop.model.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/users}: create (administrators), list (administrators; {@code ?after=<name>&limit=N}),
 * show (the user themself or an administrator), change a password, disable and enable
 * (administrators). A user's JSON: {@code {"username", "email", "admin", "created", "disabled"}},
 * times in ISO-8601 UTC, {@code disabled} null while enabled. Never a password or its hash.
 */
final class UserApi {
    private final UserManagement users;

    UserApi(UserManagement users) {
        this.users = users;
    }

    void register(ApiV1 api) {
        api.post("/users", this::create)
                .get("/users", this::list)
                .get("/users/{name}", this::show)
                .post("/users/{name}/password", this::password)
                .post("/users/{name}/disable", this::disable)
                .post("/users/{name}/enable", this::enable);
    }

    private ApiV1.Answer create(ApiRequest request) throws ApiError, ManageProblem {
        String name = request.string("username").orElseThrow(() -> ApiError.badRequest("username: required"));
        String password = request.string("password").orElseThrow(() -> ApiError.badRequest("password: required"));
        boolean admin = false;
        JsonNode flag = request.field("admin").orElse(null);
        if (flag != null) {
            if (!flag.isBoolean()) {
                throw ApiError.badRequest("admin: must be true or false");
            }
            admin = flag.booleanValue();
        }
        User user = users.create(request.principal(), name, request.string("email").orElse(null), password, admin);
        return new ApiV1.Answer(201, json(user));
    }

    private ApiV1.Answer list(ApiRequest request) throws ApiError, ManageProblem {
        int limit = UserManagement.DEFAULT_LIMIT;
        String given = request.queryParam("limit").orElse(null);
        if (given != null) {
            if (!given.matches("[0-9]{1,9}")) {
                throw ApiError.badRequest("limit: a whole number from 1 to " + UserManagement.MAX_LIMIT);
            }
            limit = Integer.parseInt(given);
        }
        List<User> page = users.list(request.principal(), request.queryParam("after").orElse(null), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", page.stream().map(UserApi::json).toList());
        body.put("next", page.size() == limit ? page.get(page.size() - 1).username() : null);
        return new ApiV1.Answer(200, body);
    }

    private ApiV1.Answer show(ApiRequest request) throws ManageProblem {
        return new ApiV1.Answer(200, json(users.get(request.principal(), request.param("name"))));
    }

    private ApiV1.Answer password(ApiRequest request) throws ApiError, ManageProblem {
        String replacement = request.string("new_password")
                .orElseThrow(() -> ApiError.badRequest("new_password: required"));
        User user = users.changePassword(request.principal(), request.address(), request.param("name"),
                request.string("password").orElse(null), replacement);
        return new ApiV1.Answer(200, json(user));
    }

    private ApiV1.Answer disable(ApiRequest request) throws ManageProblem {
        return new ApiV1.Answer(200, json(users.disable(request.principal(), request.param("name"))));
    }

    private ApiV1.Answer enable(ApiRequest request) throws ManageProblem {
        return new ApiV1.Answer(200, json(users.enable(request.principal(), request.param("name"))));
    }

    static Map<String, Object> json(User user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", user.username());
        out.put("email", user.email());
        out.put("admin", user.admin());
        out.put("created", time(user.created()));
        out.put("disabled", time(user.disabledAt()));
        return out;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
