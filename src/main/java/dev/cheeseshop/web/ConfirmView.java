package dev.cheeseshop.web;

/**
 * A deletion's confirmation form: what is deleted ({@code kind}: file, release, project, and its
 * {@code name}, which the user must type), of which project, where the form posts
 * ({@code action}, a site path), the page to go back to ({@code back}), the session's CSRF token
 * and the refusal of the last try (a mismatch, or the use case's), or null.
 */
public record ConfirmView(Chrome chrome, String csrfToken, String kind, String name, String project, String action,
        String back, String error) {
    public String title() {
        return "project".equals(kind) ? "Delete project " + name : "Delete " + kind + " " + name + " of " + project;
    }
}
