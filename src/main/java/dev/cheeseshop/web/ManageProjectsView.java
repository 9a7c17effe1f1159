package dev.cheeseshop.web;

import dev.cheeseshop.store.RoleStore;
import java.util.List;

/** The signed-in user's projects, each with their role, to manage; a notice of what was just done, or null. */
public record ManageProjectsView(Chrome chrome, String username, List<RoleStore.Grant> projects, String done) {}
