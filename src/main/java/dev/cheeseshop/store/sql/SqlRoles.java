package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.store.RoleStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class SqlRoles implements RoleStore {
    private static final String GRANTS = "SELECT r.role_name, u.username, p.name FROM roles r"
            + " JOIN users u ON u.id = r.user_id JOIN projects p ON p.id = r.project_id";
    /** 'Owner' sorts after 'Maintainer', so descending role name puts Owners first, as PyPI does. */
    private static final String ROLE_ORDER = "r.role_name DESC";

    private final Jdbc jdbc;

    SqlRoles(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RoleName> find(long projectId, long userId) {
        return jdbc.one("SELECT role_name FROM roles WHERE project_id = ? AND user_id = ?",
                rs -> RoleName.valueOf(rs.getString(1)), projectId, userId);
    }

    @Override
    public void insert(long projectId, long userId, RoleName role) {
        jdbc.update("INSERT INTO roles (project_id, user_id, role_name) VALUES (?, ?, ?)",
                projectId, userId, role.name());
    }

    @Override
    public void update(long projectId, long userId, RoleName role) {
        jdbc.update("UPDATE roles SET role_name = ? WHERE project_id = ? AND user_id = ?", role.name(), projectId,
                userId);
    }

    @Override
    public void delete(long projectId, long userId) {
        jdbc.update("DELETE FROM roles WHERE project_id = ? AND user_id = ?", projectId, userId);
    }

    @Override
    public List<Grant> forProject(long projectId) {
        return jdbc.list(GRANTS + " WHERE r.project_id = ? ORDER BY " + ROLE_ORDER + ", u.normalized_username",
                SqlRoles::map, projectId);
    }

    @Override
    public List<Grant> forUser(long userId) {
        return jdbc.list(GRANTS + " WHERE r.user_id = ? ORDER BY " + ROLE_ORDER + ", p.name",
                SqlRoles::map, userId);
    }

    private static Grant map(ResultSet rs) throws SQLException {
        return new Grant(RoleName.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3));
    }
}
