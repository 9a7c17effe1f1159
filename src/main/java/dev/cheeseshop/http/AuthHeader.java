package dev.cheeseshop.http;

import dev.cheeseshop.auth.Authenticator;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Authorization} header, as pypi.org reads it: {@code Basic} (a username and password,
 * or {@code __token__} and an API token), or {@code Bearer <token>} / {@code Token <token>}.
 * Anything else, or no header, is no identity. A header that is refused counts as a failed login
 * ({@code cheeseshop_failed_logins_total}); no header at all does not.
 */
final class AuthHeader {
    private AuthHeader() {}

    /** Who the header names, if anyone; an identity found is noted for the access log (the username only). */
    static Authenticator.Outcome authenticate(Authenticator authenticator, Exchange exchange) {
        Authenticator.Outcome outcome = read(authenticator, exchange);
        if (outcome.principal() != null) {
            Entrance.user(exchange.request(), outcome.principal().user().username());
        }
        return outcome;
    }

    private static Authenticator.Outcome read(Authenticator authenticator, Exchange exchange) {
        Optional<String> header = exchange.header("Authorization");
        if (header.isEmpty()) {
            return new Authenticator.Outcome(null, Authenticator.Refusal.INVALID);
        }
        String value = header.get().strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? "" : value.substring(0, space).toLowerCase(Locale.ROOT);
        String credential = "other";
        Authenticator.Outcome outcome = new Authenticator.Outcome(null, Authenticator.Refusal.INVALID);
        switch (scheme) {
            case "basic" -> {
                Optional<BasicCredentials> basic = BasicCredentials.parse(header);
                if (basic.isPresent()) {
                    BasicCredentials c = basic.get();
                    credential = Authenticator.TOKEN_USERNAME.equals(c.username()) ? "token" : "password";
                    outcome = authenticator.basic(exchange.remoteAddress(), c.username(), c.password());
                }
            }
            case "bearer", "token" -> {
                credential = "token";
                outcome = authenticator.token(value.substring(space + 1));
            }
            default -> { }
        }
        if (!outcome.accepted()) {
            exchange.metrics().failedLogin(credential, outcome.refusal().name().toLowerCase(Locale.ROOT));
        }
        return outcome;
    }
}
