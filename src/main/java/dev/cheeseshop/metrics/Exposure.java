package dev.cheeseshop.metrics;

import java.util.Locale;

/** Who may read {@code GET /metrics} ({@code serve --metrics}). */
public enum Exposure {
    /** Nobody: the endpoint is 404 and nothing is counted. */
    OFF,
    /** Anyone who can reach the server. */
    PUBLIC,
    /** An administrator, by HTTP Basic (password, or {@code __token__} and an API token not scoped to projects). */
    ADMIN;

    /** {@code off}, {@code public} or {@code admin}, in any case. */
    public static Exposure parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "off" -> OFF;
            case "public" -> PUBLIC;
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException("'" + text.replaceAll("\\p{Cntrl}", "?")
                    + "' is not one of off, public, admin");
        };
    }

    /** The option's spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
