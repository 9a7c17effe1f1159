package dev.cheeseshop.auth;

import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.model.User;
import java.util.List;

/**
 * Who a request acts as: a user, and the API token it came with (null for a password). A token
 * scoped to projects narrows what the user may do to those projects (normalised names).
 */
public record Principal(User user, ApiToken token) {
    public static Principal of(User user) {
        return new Principal(user, null);
    }

    public boolean viaToken() {
        return token != null;
    }

    /** The normalised names of the projects the token is scoped to; empty when not scoped. */
    public List<String> scope() {
        return token == null ? List.of() : token.projects();
    }

    public boolean scoped() {
        return token != null && token.scoped();
    }

    /** True unless a scoped token names other projects only. */
    public boolean mayTouch(String normalizedProject) {
        return !scoped() || token.projects().contains(normalizedProject);
    }

    @Override
    public String toString() {
        return "Principal[" + user.username() + (token == null ? "" : ", token " + token.id()) + "]";
    }
}
