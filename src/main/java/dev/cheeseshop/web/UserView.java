package dev.cheeseshop.web;

import dev.cheeseshop.store.RoleStore;
import java.time.Instant;
import java.util.List;

/** A user's page: their name, when they joined, and their roles on projects (by project name). */
public record UserView(Chrome chrome, String username, Instant joined, List<RoleStore.Grant> roles) {
    public UserView {
        roles = List.copyOf(roles);
    }
}
