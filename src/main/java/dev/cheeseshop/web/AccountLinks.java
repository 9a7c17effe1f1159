package dev.cheeseshop.web;

/** The header's links for a signed-in user: their page, their account, and the logout form with its token. */
public record AccountLinks(Chrome chrome, String username, String csrfToken) {}
