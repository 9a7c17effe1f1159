package dev.cheeseshop.web;

import dev.cheeseshop.manage.ManagedProjects.ManagedProject;

/**
 * A project's management page: the project as its manager sees it, the session's CSRF token for
 * its forms, the notice of what was just done ({@link ManageNotices}) and the refusal of the last
 * change tried, each null when there is none.
 */
public record ManageView(Chrome chrome, String csrfToken, ManagedProject managed, String done, String error) {
    /** The site path of this project's management page. */
    public String home() {
        return ManagePaths.project(managed.project().normalizedName());
    }
}
