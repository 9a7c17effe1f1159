package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.store.TokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlTokens implements TokenStore {
    private static final String COLUMNS = "t.id, t.user_id, t.name, t.created, t.expires, t.last_used, t.revoked";

    private final Jdbc jdbc;

    SqlTokens(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ApiToken insert(long userId, String name, String digest, List<String> projects, Instant created,
            Instant expires) {
        long id = jdbc.insert("INSERT INTO api_tokens (user_id, name, digest, created, expires)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id",
                userId, name, digest, Micros.of(created), expires == null ? null : Micros.of(expires));
        List<String> scope = projects.stream().distinct().sorted().toList();
        for (String project : scope) {
            jdbc.update("INSERT INTO api_token_projects (token_id, normalized_name) VALUES (?, ?)", id, project);
        }
        return new ApiToken(id, userId, name, scope, created, expires, null, null);
    }

    @Override
    public Optional<Found> findByDigest(String digest) {
        return jdbc.one("SELECT " + COLUMNS + ", t.digest, u.id, u.username, u.email, u.password_hash, u.is_admin,"
                + " u.created, u.disabled_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.digest = ?",
                rs -> new Found(map(rs, List.of()), rs.getString(8), SqlUsers.map(rs, 9)),
                digest).map(found -> new Found(withScope(found.token()), found.digest(), found.user()));
    }

    @Override
    public Optional<ApiToken> find(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM api_tokens t WHERE t.id = ?", rs -> map(rs, List.of()), id)
                .map(this::withScope);
    }

    @Override
    public List<ApiToken> forUser(long userId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM api_tokens t WHERE t.user_id = ? ORDER BY t.id",
                rs -> map(rs, List.of()), userId).stream().map(this::withScope).toList();
    }

    @Override
    public boolean revoke(long id, Instant at) {
        return jdbc.update("UPDATE api_tokens SET revoked = ? WHERE id = ? AND revoked IS NULL", Micros.of(at), id) == 1;
    }

    @Override
    public void used(long id, Instant at) {
        jdbc.update("UPDATE api_tokens SET last_used = ? WHERE id = ?", Micros.of(at), id);
    }

    private ApiToken withScope(ApiToken token) {
        List<String> scope = jdbc.list("SELECT normalized_name FROM api_token_projects WHERE token_id = ?"
                + " ORDER BY normalized_name", rs -> rs.getString(1), token.id());
        return new ApiToken(token.id(), token.userId(), token.name(), scope, token.created(), token.expires(),
                token.lastUsed(), token.revoked());
    }

    private static ApiToken map(ResultSet rs, List<String> scope) throws SQLException {
        return new ApiToken(rs.getLong(1), rs.getLong(2), rs.getString(3), scope, Micros.toInstant(rs.getLong(4)),
                instant(rs, 5), instant(rs, 6), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Micros.toInstant(micros);
    }
}
