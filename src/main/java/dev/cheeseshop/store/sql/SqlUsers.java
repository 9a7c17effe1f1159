package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.User;
import dev.cheeseshop.store.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

final class SqlUsers implements UserStore {
    /** The columns {@link #map} reads, in its order. */
    static final String COLUMNS = "id, username, email, password_hash, is_admin, created, disabled_at";

    private final Jdbc jdbc;

    SqlUsers(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> find(String username) {
        return jdbc.one("SELECT " + COLUMNS + " FROM users WHERE normalized_username = ?", SqlUsers::map,
                fold(username));
    }

    @Override
    public List<User> list(String after, int limit) {
        return after == null
                ? jdbc.list("SELECT " + COLUMNS + " FROM users ORDER BY normalized_username LIMIT ?", SqlUsers::map,
                        limit)
                : jdbc.list("SELECT " + COLUMNS + " FROM users WHERE normalized_username > ?"
                        + " ORDER BY normalized_username LIMIT ?", SqlUsers::map, fold(after), limit);
    }

    @Override
    public boolean setPasswordHash(long userId, String passwordHash) {
        return jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId) == 1;
    }

    @Override
    public boolean setDisabledAt(long userId, Instant at) {
        return jdbc.update("UPDATE users SET disabled_at = ? WHERE id = ?", at == null ? null : Micros.of(at),
                userId) == 1;
    }

    @Override
    public User insert(String username, String email, String passwordHash, boolean admin, Instant created) {
        long id = jdbc.insert("INSERT INTO users (username, normalized_username, email, password_hash, is_admin,"
                + " created) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                username, fold(username), email, passwordHash, admin, Micros.of(created));
        return new User(id, username, email, passwordHash, admin, created);
    }

    static String fold(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static User map(ResultSet rs) throws SQLException {
        return map(rs, 1);
    }

    /** A user from {@link #COLUMNS} read from column {@code first} on. */
    static User map(ResultSet rs, int first) throws SQLException {
        long disabled = rs.getLong(first + 6);
        Instant disabledAt = rs.wasNull() ? null : Micros.toInstant(disabled);
        return new User(rs.getLong(first), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
                rs.getBoolean(first + 4), Micros.toInstant(rs.getLong(first + 5)), disabledAt);
    }
}
