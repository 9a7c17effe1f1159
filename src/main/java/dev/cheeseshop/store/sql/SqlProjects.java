package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.ProjectStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

final class SqlProjects implements ProjectStore {
    private static final String COLUMNS = "id, name, created, last_serial, quarantined_at";
    /**
     * SQLite answers it from the smallest index (projects_created), not the table; PostgreSQL can, by an
     * index-only scan (PostgresQueryPlanTest).
     */
    static final String COUNT = "SELECT COUNT(*) FROM projects";
    /** The Simple index: a scan of the covering index projects_listing, which carries quarantined_at (V7). */
    static final String LISTING = "SELECT name, normalized_name, last_serial FROM projects WHERE quarantined_at IS NULL"
            + " ORDER BY normalized_name";
    /** list_packages_with_serial: every project, quarantined too, from projects_listing alone. */
    static final String LAST_SERIALS = "SELECT name, last_serial FROM projects ORDER BY normalized_name";

    private final Jdbc jdbc;

    SqlProjects(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Project> find(String normalizedName) {
        return jdbc.one("SELECT " + COLUMNS + " FROM projects WHERE normalized_name = ?",
                SqlProjects::map, normalizedName);
    }

    @Override
    public Project insert(ProjectName name, Instant created) {
        long id = jdbc.insert(
                "INSERT INTO projects (name, normalized_name, created, last_serial) VALUES (?, ?, ?, 0) RETURNING id",
                name.display(), name.normalized(), Micros.of(created));
        return new Project(id, name, created, Serial.NONE);
    }

    @Override
    public void rename(long projectId, ProjectName name) {
        jdbc.update("UPDATE projects SET name = ? WHERE id = ? AND normalized_name = ?",
                name.display(), projectId, name.normalized());
    }

    /** Explicit deletes, each by an index (files_release, the primary key of release_classifiers, roles_project_user). */
    @Override
    public void delete(long projectId) {
        String releases = "(SELECT id FROM releases WHERE project_id = ?)";
        jdbc.update("DELETE FROM files WHERE release_id IN " + releases, projectId);
        jdbc.update("DELETE FROM release_classifiers WHERE release_id IN " + releases, projectId);
        jdbc.update("DELETE FROM releases WHERE project_id = ?", projectId);
        jdbc.update("DELETE FROM roles WHERE project_id = ?", projectId);
        jdbc.update("DELETE FROM projects WHERE id = ?", projectId);
    }

    @Override
    public void setLastSerial(long projectId, Serial serial) {
        jdbc.update("UPDATE projects SET last_serial = ? WHERE id = ?", serial.value(), projectId);
    }

    @Override
    public void setQuarantined(long projectId, Instant since) {
        jdbc.update("UPDATE projects SET quarantined_at = ? WHERE id = ?", since == null ? null : Micros.of(since),
                projectId);
    }

    @Override
    public void forEach(Consumer<ProjectListing> sink) {
        jdbc.each(LISTING,
                rs -> new ProjectListing(rs.getString(1), rs.getString(2), Serial.of(rs.getLong(3))), sink);
    }

    @Override
    public void forEachLastSerial(LastSerialSink sink) {
        jdbc.rows(LAST_SERIALS,
                rs -> sink.accept(rs.getString(1), rs.getLong(2)));
    }

    @Override
    public List<Project> newest(int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM projects p"
                + " WHERE p.quarantined_at IS NULL"
                + " AND EXISTS (SELECT 1 FROM releases r WHERE r.project_id = p.id AND r.quarantined_at IS NULL)"
                + " ORDER BY p.created DESC, p.id DESC LIMIT ?", SqlProjects::map, limit);
    }

    @Override
    public long count() {
        return jdbc.one(COUNT, rs -> rs.getLong(1)).orElseThrow();
    }

    private static Project map(ResultSet rs) throws SQLException {
        return new Project(rs.getLong(1), ProjectName.of(rs.getString(2)),
                Micros.toInstant(rs.getLong(3)), Serial.of(rs.getLong(4)), rs.getObject(5) != null);
    }
}
