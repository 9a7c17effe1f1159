package dev.cheeseshop.manage;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.time.Clock;
import java.util.Optional;

/**
 * Revoking a token, in one write transaction: find it, check who asks (its owner or an admin; the
 * command line's operator may revoke any), refuse a second revocation, mark it revoked. From the
 * commit on, it authenticates nothing.
 */
public final class RevokeToken {
    private final MetadataStore store;
    private final Clock clock;

    public RevokeToken(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Over the API: the caller must own the token or be an admin; a scoped token revokes none. */
    public ApiToken asPrincipal(Principal caller, long id) throws ManageProblem {
        if (caller.scoped()) {
            throw ManageProblem.forbidden("a token scoped to project(s) "
                    + String.join(", ", caller.scope().stream().map(p -> "'" + p + "'").toList())
                    + " cannot revoke API tokens");
        }
        return revoke(caller, id);
    }

    /** From the command line. */
    public ApiToken byOperator(long id) throws ManageProblem {
        return revoke(null, id);
    }

    private ApiToken revoke(Principal caller, long id) throws ManageProblem {
        record Outcome(ApiToken token, ManageProblem refusal) {}
        Outcome outcome = store.write((Transaction tx) -> {
            Optional<ApiToken> found = tx.tokens().find(id);
            if (found.isEmpty()) {
                return new Outcome(null, ManageProblem.notFound("no token with id " + id));
            }
            ApiToken token = found.get();
            if (caller != null && token.userId() != caller.user().id() && !caller.user().admin()) {
                return new Outcome(null, ManageProblem.forbidden("token " + id + " belongs to another user"));
            }
            if (!tx.tokens().revoke(id, clock.instant())) {
                return new Outcome(null, ManageProblem.conflict("token " + id + " is already revoked"));
            }
            return new Outcome(tx.tokens().find(id).orElseThrow(), null);
        });
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.token();
    }
}
