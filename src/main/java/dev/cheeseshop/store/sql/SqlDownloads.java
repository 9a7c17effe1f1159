package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.DownloadStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Download counts in {@code download_counts}, one row per (file, day). The upsert adds to the
 * stored count, in the syntax SQLite (3.24 and later) and PostgreSQL share; it inserts from a
 * {@code SELECT} of the file's row, so a count for a file removed since it was counted inserts
 * nothing (and so breaks no foreign key).
 */
final class SqlDownloads implements DownloadStore {
    private static final String ADD = "INSERT INTO download_counts (file_id, day, downloads)"
            + " SELECT id, ?, ? FROM files WHERE id = ?"
            + " ON CONFLICT (file_id, day) DO UPDATE SET downloads = download_counts.downloads + excluded.downloads";
    private static final String OF_PROJECT = " FROM releases r JOIN files f ON f.release_id = r.id"
            + " JOIN download_counts d ON d.file_id = f.id WHERE r.project_id = ? AND d.day >= ?";

    private final Jdbc jdbc;

    SqlDownloads(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Collection<Count> counts) {
        for (Count count : counts) {
            jdbc.update(ADD, count.day(), count.downloads(), count.fileId());
        }
    }

    @Override
    public long totalOn(long day) {
        return jdbc.one("SELECT COALESCE(SUM(downloads), 0) FROM download_counts WHERE day = ?", rs -> rs.getLong(1), day)
                .orElse(0L);
    }

    @Override
    public Map<Long, Long> dailyForProject(long projectId, long fromDay) {
        Map<Long, Long> days = new TreeMap<>();
        jdbc.rows("SELECT d.day, SUM(d.downloads)" + OF_PROJECT + " GROUP BY d.day",
                rs -> days.put(rs.getLong(1), rs.getLong(2)), projectId, fromDay);
        return days;
    }

    @Override
    public List<FileDownloads> filesForProject(long projectId, long fromDay) {
        return jdbc.list("SELECT f.filename, SUM(d.downloads)" + OF_PROJECT + " GROUP BY f.filename ORDER BY f.filename",
                rs -> new FileDownloads(rs.getString(1), rs.getLong(2)), projectId, fromDay);
    }

    @Override
    public List<ProjectDownloads> top(long fromDay, int limit) {
        return jdbc.list("SELECT p.name, p.normalized_name, SUM(d.downloads) AS total FROM download_counts d"
                        + " JOIN files f ON f.id = d.file_id JOIN releases r ON r.id = f.release_id"
                        + " JOIN projects p ON p.id = r.project_id WHERE d.day >= ?"
                        + " GROUP BY p.id, p.name, p.normalized_name ORDER BY total DESC, p.normalized_name LIMIT ?",
                rs -> new ProjectDownloads(rs.getString(1), rs.getString(2), rs.getLong(3)), fromDay, limit);
    }
}
