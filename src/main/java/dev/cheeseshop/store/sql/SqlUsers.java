package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.User;
import dev.cheeseshop.store.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

final class SqlUsers implements UserStore {
    private final Jdbc jdbc;

    SqlUsers(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> find(String username) {
        return jdbc.one("SELECT id, username, email, password_hash, is_admin, created FROM users"
                + " WHERE normalized_username = ?", SqlUsers::map, fold(username));
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
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                Micros.toInstant(rs.getLong(6)));
    }
}
