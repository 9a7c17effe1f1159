package dev.cheeseshop.web;

/** The login form: its CSRF token, the username typed (kept after a refusal), where to go next, an error. */
public record LoginView(Chrome chrome, String csrfToken, String username, String next, String error) {}
