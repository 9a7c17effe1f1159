package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.MetadataDigests;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.store.FileStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class SqlFiles implements FileStore {
    private static final String COLUMNS = "f.id, f.release_id, f.filename, f.packagetype, f.python_version, f.size,"
            + " f.md5_digest, f.sha256_digest, f.blake2_256_digest, f.metadata_sha256, f.metadata_blake2_256,"
            + " f.upload_time, f.path, f.comment_text, f.uploaded_via";

    /**
     * SQLite answers it from the smallest index (files_release), not the table; PostgreSQL can, by an
     * index-only scan (PostgresQueryPlanTest).
     */
    static final String COUNT = "SELECT COUNT(*) FROM files";
    /** A download: by files_path, then the release's and the project's primary keys. */
    static final String SERVABLE = "SELECT " + COLUMNS + " FROM files f JOIN releases r ON r.id = f.release_id"
            + " JOIN projects p ON p.id = r.project_id"
            + " WHERE f.path = ? AND r.quarantined_at IS NULL AND p.quarantined_at IS NULL";

    private final Jdbc jdbc;

    SqlFiles(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<DistFile> findByFilename(String filename) {
        return jdbc.one("SELECT " + COLUMNS + " FROM files f WHERE f.filename = ?", SqlFiles::map, filename);
    }

    @Override
    public Optional<DistFile> findByBlake2(String blake2b256) {
        return jdbc.one("SELECT " + COLUMNS + " FROM files f WHERE f.blake2_256_digest = ?", SqlFiles::map,
                blake2b256);
    }

    @Override
    public Optional<DistFile> findByPath(String path) {
        return jdbc.one("SELECT " + COLUMNS + " FROM files f WHERE f.path = ?", SqlFiles::map, path);
    }

    @Override
    public Optional<DistFile> findServable(String path) {
        return jdbc.one(SERVABLE, SqlFiles::map, path);
    }

    @Override
    public boolean everUsed(String filename) {
        return jdbc.one("SELECT 1 FROM file_registry WHERE filename = ?", rs -> true, filename).isPresent();
    }

    @Override
    public DistFile insert(DistFile file) {
        Optional<MetadataDigests> metadata = file.metadata();
        long id = jdbc.insert("INSERT INTO files (release_id, filename, packagetype, python_version, size,"
                        + " md5_digest, sha256_digest, blake2_256_digest, metadata_sha256, metadata_blake2_256,"
                        + " upload_time, path, comment_text, uploaded_via)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                file.releaseId(), file.filename(), file.packageType().name(), file.pythonVersion(), file.size(),
                file.digests().md5(), file.digests().sha256(), file.digests().blake2b256(),
                metadata.map(MetadataDigests::sha256).orElse(null),
                metadata.map(MetadataDigests::blake2b256).orElse(null),
                Micros.of(file.uploadTime()), file.path(), file.commentText(), file.uploadedVia());
        jdbc.update("INSERT INTO file_registry (filename) VALUES (?)", file.filename());
        return new DistFile(id, file.releaseId(), file.filename(), file.packageType(), file.pythonVersion(),
                file.size(), file.digests(), file.metadataDigests(), file.uploadTime(), file.path(),
                file.commentText(), file.uploadedVia());
    }

    @Override
    public void delete(long fileId) {
        jdbc.update("DELETE FROM files WHERE id = ?", fileId);
    }

    @Override
    public List<DistFile> forRelease(long releaseId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM files f WHERE f.release_id = ? ORDER BY f.filename",
                SqlFiles::map, releaseId);
    }

    @Override
    public List<DistFile> forProject(long projectId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM files f JOIN releases r ON r.id = f.release_id"
                + " WHERE r.project_id = ? ORDER BY f.filename", SqlFiles::map, projectId);
    }

    /** A project's Simple page: its releases by releases_project_canonical, their files by files_release. */
    static final String LISTED = "SELECT " + COLUMNS + ", r.version, r.requires_python, r.yanked, r.yanked_reason"
            + " FROM releases r JOIN files f ON f.release_id = r.id"
            + " WHERE r.project_id = ? AND r.quarantined_at IS NULL";

    @Override
    public List<ListedFile> listed(long projectId) {
        return jdbc.list(LISTED, rs -> new ListedFile(map(rs), rs.getString(16), rs.getString(17), rs.getBoolean(18),
                rs.getString(19)), projectId);
    }

    @Override
    public List<DistFile> page(long afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one file: " + limit);
        }
        return jdbc.list("SELECT " + COLUMNS + " FROM files f WHERE f.id > ? ORDER BY f.id LIMIT ?", SqlFiles::map,
                afterId, limit);
    }

    @Override
    public long count() {
        return jdbc.one(COUNT, rs -> rs.getLong(1)).orElseThrow();
    }

    private static DistFile map(ResultSet rs) throws SQLException {
        String metadataSha256 = rs.getString(10);
        MetadataDigests metadata = metadataSha256 == null ? null : new MetadataDigests(metadataSha256, rs.getString(11));
        return new DistFile(rs.getLong(1), rs.getLong(2), rs.getString(3), PackageType.valueOf(rs.getString(4)),
                rs.getString(5), rs.getLong(6), new Digests(rs.getString(7), rs.getString(8), rs.getString(9)),
                metadata, Micros.toInstant(rs.getLong(12)), rs.getString(13), rs.getString(14), rs.getString(15));
    }
}
