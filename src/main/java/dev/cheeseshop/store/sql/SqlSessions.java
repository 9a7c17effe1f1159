package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link SessionStore} over {@code web_sessions} (V12). */
final class SqlSessions implements SessionStore {
    private static final String COLUMNS = "s.id, s.user_id, s.csrf_token, s.created, s.last_seen, s.expires, s.expires_max";

    private final Jdbc jdbc;

    SqlSessions(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Session insert(long userId, String digest, String csrfToken, Instant created, Instant expires,
            Instant expiresMax) {
        long id = jdbc.insert("INSERT INTO web_sessions (user_id, digest, csrf_token, created, last_seen, expires,"
                + " expires_max) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                userId, digest, csrfToken, Micros.of(created), Micros.of(created), Micros.of(expires),
                Micros.of(expiresMax));
        return new Session(id, userId, csrfToken, created, created, expires, expiresMax);
    }

    @Override
    public Optional<Found> findByDigest(String digest) {
        return jdbc.one("SELECT " + COLUMNS + ", s.digest, u.id, u.username, u.email, u.password_hash, u.is_admin,"
                + " u.created, u.disabled_at FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE s.digest = ?",
                rs -> new Found(map(rs), rs.getString(8), SqlUsers.map(rs, 9)), digest);
    }

    @Override
    public boolean touch(long id, Instant lastSeen, Instant expires) {
        return jdbc.update("UPDATE web_sessions SET last_seen = ?, expires = ? WHERE id = ?",
                Micros.of(lastSeen), Micros.of(expires), id) == 1;
    }

    @Override
    public boolean delete(long id) {
        return jdbc.update("DELETE FROM web_sessions WHERE id = ?", id) == 1;
    }

    @Override
    public int deleteForUser(long userId) {
        return jdbc.update("DELETE FROM web_sessions WHERE user_id = ?", userId);
    }

    @Override
    public int deleteForUserExcept(long userId, long keepId) {
        return jdbc.update("DELETE FROM web_sessions WHERE user_id = ? AND id <> ?", userId, keepId);
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return jdbc.update("DELETE FROM web_sessions WHERE id IN (SELECT id FROM web_sessions WHERE expires <= ?"
                + " ORDER BY expires LIMIT ?)", Micros.of(now), limit);
    }

    private static Session map(ResultSet rs) throws SQLException {
        return new Session(rs.getLong(1), rs.getLong(2), rs.getString(3), Micros.toInstant(rs.getLong(4)),
                Micros.toInstant(rs.getLong(5)), Micros.toInstant(rs.getLong(6)), Micros.toInstant(rs.getLong(7)));
    }
}
