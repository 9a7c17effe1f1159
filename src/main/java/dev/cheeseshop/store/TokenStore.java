package dev.cheeseshop.store;

import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens, kept as the hex SHA-256 digests of their secrets; digests are unique. */
public interface TokenStore {
    /** A new token of the user; {@code projects} are normalised names (empty: unscoped). */
    ApiToken insert(long userId, String name, String digest, List<String> projects, Instant created, Instant expires);

    /** The token with this digest, with its stored digest and its user: one indexed look-up. */
    Optional<Found> findByDigest(String digest);

    Optional<ApiToken> find(long id);

    /** The user's tokens, revoked ones included, oldest first. */
    List<ApiToken> forUser(long userId);

    /** Marks the token revoked at {@code at}; false when there is no such token or it already was. */
    boolean revoke(long id, Instant at);

    /** Records that the token was used at {@code at}. */
    void used(long id, Instant at);

    /** A token found by its digest, with its user. */
    record Found(ApiToken token, String digest, User user) {}
}
