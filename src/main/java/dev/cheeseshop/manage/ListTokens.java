package dev.cheeseshop.manage;

import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.util.List;
import java.util.Optional;

/** A user's tokens, revoked ones included, oldest first; never a secret (none is kept). */
public final class ListTokens {
    private final MetadataStore store;

    public ListTokens(MetadataStore store) {
        this.store = store;
    }

    public List<ApiToken> of(User user) {
        return store.read((Transaction tx) -> tx.tokens().forUser(user.id()));
    }

    /** From the command line: the tokens of the user with this name. */
    public List<ApiToken> of(String username) throws ManageProblem {
        Optional<List<ApiToken>> tokens = store.read((Transaction tx) -> tx.users().find(username)
                .map(user -> tx.tokens().forUser(user.id())));
        return tokens.orElseThrow(() -> ManageProblem.notFound("no user '" + username + "'"));
    }
}
