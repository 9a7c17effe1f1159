package dev.cheeseshop.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The expiries the account page offers for a new token: a short list a person picks from, where
 * the JSON API takes any date. A value the form did not offer is refused, not guessed at.
 */
public enum TokenExpiry {
    NEVER("never", "Never", null),
    DAYS_30("30d", "In 30 days", Duration.ofDays(30)),
    DAYS_90("90d", "In 90 days", Duration.ofDays(90)),
    YEAR("1y", "In 1 year (365 days)", Duration.ofDays(365));

    private final String value;
    private final String label;
    private final Duration after;

    TokenExpiry(String value, String label, Duration after) {
        this.value = value;
        this.label = label;
        this.after = after;
    }

    /** The form's value for this choice. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    /** When a token made at {@code now} with this choice expires; null: never. */
    public Instant from(Instant now) {
        return after == null ? null : now.plus(after);
    }

    /** The choice the form sent ({@code null} or empty: never); empty when it offered no such value. */
    public static Optional<TokenExpiry> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(NEVER);
        }
        for (TokenExpiry choice : values()) {
            if (choice.value.equals(value)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }
}
