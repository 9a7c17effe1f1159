package dev.cheeseshop.web;

import dev.cheeseshop.model.ApiToken;
import java.time.Instant;
import java.util.List;

/**
 * The account page of a signed-in user: who they are, their API tokens (never a secret: none is
 * kept), the forms to create and revoke one and to change the password, each form's error where
 * it is, and at most one of: a notice of a change just made, or a token just created with its
 * secret, which this one answer shows and no later page can.
 *
 * @param now the time the tokens' states (live, expired, revoked) are judged at
 * @param tokenForm what the creation form holds: empty, or what was typed before a refusal
 */
public record AccountView(Chrome chrome, String username, String email, String csrfToken, List<ApiToken> tokens,
        Instant now, NewToken created, String notice, String tokenError, TokenForm tokenForm, String passwordError) {
    public AccountView {
        tokens = List.copyOf(tokens);
    }

    /** A token just created, and what a publisher sets to use it. */
    public record NewToken(String name, String secret, Commands commands) {
        @Override
        public String toString() {
            return "NewToken[" + name + ", secret=(hidden)]";
        }
    }

    /** The creation form's fields, as typed. */
    public record TokenForm(String name, String projects, TokenExpiry expiry) {
        public static final TokenForm EMPTY = new TokenForm("", "", TokenExpiry.NEVER);
    }

    /** {@code Revoked}, {@code Expired} or {@code Live}, at {@link #now}. */
    public String state(ApiToken token) {
        if (token.revoked() != null) {
            return "Revoked";
        }
        return token.validAt(now) ? "Live" : "Expired";
    }

    /** Whether the row offers a revoke button: the token is live (an expired one authenticates nothing already). */
    public boolean revocable(ApiToken token) {
        return token.validAt(now);
    }

    /** The scope as a person reads it. */
    public static String scope(ApiToken token) {
        return token.scoped() ? String.join(", ", token.projects()) : "All your projects";
    }
}
