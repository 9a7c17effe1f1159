package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.store.UpstreamStore;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The proxy's cache in {@code upstream_projects} and {@code upstream_files} (V9). Every statement
 * reads by an index: projects by {@code upstream_projects_normalized_name}, a page's files and one
 * file by {@code upstream_files_project_filename}, the kept files by the partial index
 * {@code upstream_files_kept} (in least-recently-used order), and who names a key by
 * {@code upstream_files_blob_key} and {@code upstream_files_metadata_key}
 * ({@code PostgresIndexUsageTest}). Rows are written in id order, so that two transactions writing
 * the same files (a save and a batch of uses) never wait on each other in a circle.
 */
final class SqlUpstream implements UpstreamStore {
    private static final String FILE_COLUMNS = "f.id, f.filename, f.url, f.sha256, f.size, f.upload_time,"
            + " f.requires_python, f.yanked, f.metadata_sha256, f.blob_key, f.metadata_key";
    /**
     * The project's id by its name, as a scalar subquery: both databases then read the files by
     * both columns of upstream_files_project_filename (a join may be planned from the files' side).
     */
    private static final String PROJECT_ID = "(SELECT id FROM upstream_projects WHERE normalized_name = ?)";
    private static final String KEPT = "(f.blob_key IS NOT NULL OR f.metadata_key IS NOT NULL)";
    /** A page's files, in the upstream's order. */
    static final String FILES_OF_PROJECT = "SELECT " + FILE_COLUMNS + " FROM upstream_files f WHERE f.project_id = ?"
            + " ORDER BY f.position";
    /** One file, by its project's name and its filename. */
    static final String FILE = "SELECT " + FILE_COLUMNS + " FROM upstream_files f WHERE f.project_id = " + PROJECT_ID
            + " AND f.filename = ?";
    static final String KEPT_BYTES = "SELECT COALESCE(SUM(COALESCE(f.blob_size, 0) + COALESCE(f.metadata_size, 0)), 0)"
            + " FROM upstream_files f WHERE " + KEPT;
    static final String LEAST_RECENTLY_USED = "SELECT f.blob_key, f.blob_size, f.metadata_key, f.metadata_size,"
            + " f.last_used FROM upstream_files f WHERE " + KEPT + " ORDER BY f.last_used, f.id LIMIT ?";
    static final String NAMES_BLOB = "SELECT 1 FROM upstream_files WHERE blob_key = ? LIMIT 1";
    static final String NAMES_METADATA = "SELECT 1 FROM upstream_files WHERE metadata_key = ? LIMIT 1";
    static final String KEPT_AFTER = "SELECT " + FILE_COLUMNS + " FROM upstream_files f WHERE f.id > ? AND " + KEPT
            + " ORDER BY f.id LIMIT ?";
    static final String PURGED_KEYS = "SELECT f.blob_key, f.metadata_key FROM upstream_files f WHERE f.project_id = "
            + PROJECT_ID + " AND " + KEPT;
    static final String FORGET_BLOB = "UPDATE upstream_files SET blob_key = NULL, blob_size = NULL WHERE blob_key = ?";
    static final String FORGET_METADATA = "UPDATE upstream_files SET metadata_key = NULL, metadata_size = NULL"
            + " WHERE metadata_key = ?";

    /** A project's stored files (by upstream_files_project_filename), with their places. */
    static final String STORED = "SELECT " + FILE_COLUMNS + ", f.position FROM upstream_files f WHERE f.project_id = ?";
    /** The listing's fields of a file whose row stays. */
    private static final String RELIST = "UPDATE upstream_files SET position = ?, url = ?, size = ?, upload_time = ?,"
            + " requires_python = ?, yanked = ?, metadata_sha256 = ?";

    private final Jdbc jdbc;

    SqlUpstream(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A project's row, before its files are read. */
    private record ProjectRow(long id, String normalizedName, String displayName, Optional<String> etag,
            OptionalLong serial, Instant fetchedAt) {}

    @Override
    public Optional<CachedPage> page(String normalizedName) {
        return jdbc.one("SELECT id, normalized_name, display_name, etag, serial, fetched_at FROM upstream_projects"
                        + " WHERE normalized_name = ?", rs -> new ProjectRow(rs.getLong(1), rs.getString(2),
                        rs.getString(3), Optional.ofNullable(rs.getString(4)), optionalLong(rs, 5),
                        Micros.toInstant(rs.getLong(6))), normalizedName)
                .map(row -> new CachedPage(row.normalizedName(), row.displayName(), row.etag(), row.serial(),
                        row.fetchedAt(), jdbc.list(FILES_OF_PROJECT, SqlUpstream::file, row.id())));
    }

    @Override
    public Optional<PageVersion> version(String normalizedName) {
        return jdbc.one("SELECT id, fetched_at FROM upstream_projects WHERE normalized_name = ?",
                rs -> new PageVersion(rs.getLong(1), Micros.toInstant(rs.getLong(2))), normalizedName);
    }

    /** A stored file the page being saved may list again, and its place. */
    private record Stored(CachedFile cached, int position) {
        long id() {
            return cached.id();
        }
    }

    /** A stored file the page lists again with the same sha256: what and where it is now. */
    private record Relisted(Stored old, UpstreamFile file, int position) {}

    @Override
    public List<String> savePage(UpstreamPage page, Instant fetchedAt) {
        // The upsert writes (and so locks) the project's row first: saves of one project take turns.
        long projectId = jdbc.insert("INSERT INTO upstream_projects (normalized_name, display_name, etag, serial,"
                        + " fetched_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (normalized_name) DO UPDATE SET"
                        + " display_name = excluded.display_name, etag = excluded.etag, serial = excluded.serial,"
                        + " fetched_at = excluded.fetched_at RETURNING id",
                page.normalizedName(), page.displayName(), page.etag().orElse(null),
                page.serial().isPresent() ? page.serial().getAsLong() : null, Micros.of(fetchedAt));
        Map<String, Stored> stored = new HashMap<>();
        jdbc.rows(STORED, rs -> stored.put(rs.getString(2), new Stored(file(rs), rs.getInt(12))), projectId);
        Map<String, UpstreamFile> listed = new LinkedHashMap<>();
        page.files().forEach(file -> listed.putIfAbsent(file.filename(), file));
        List<UpstreamFile> files = List.copyOf(listed.values());
        TreeMap<Long, Stored> deleted = new TreeMap<>();
        TreeMap<Long, Relisted> relisted = new TreeMap<>();
        List<Integer> inserted = new ArrayList<>();
        for (int position = 0; position < files.size(); position++) {
            UpstreamFile file = files.get(position);
            Stored old = stored.remove(file.filename());
            Optional<String> sha256 = old == null ? Optional.empty() : old.cached().file().sha256();
            if (sha256.isPresent() && sha256.equals(file.sha256())) {
                relisted.put(old.id(), new Relisted(old, file, position));
            } else {
                if (old != null) {
                    deleted.put(old.id(), old);
                }
                inserted.add(position);
            }
        }
        stored.values().forEach(old -> deleted.put(old.id(), old));
        Set<String> dropped = new LinkedHashSet<>();
        for (Stored old : deleted.values()) {
            old.cached().key().ifPresent(dropped::add);
            old.cached().metadataKey().ifPresent(dropped::add);
            jdbc.update("DELETE FROM upstream_files WHERE id = ?", old.id());
        }
        relisted.values().forEach(file -> relist(file, dropped));
        for (int position : inserted) {
            UpstreamFile file = files.get(position);
            jdbc.update("INSERT INTO upstream_files (position, url, size, upload_time, requires_python, yanked,"
                    + " metadata_sha256, project_id, filename, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    listing(position, file, projectId, file.filename(), file.sha256().orElse(null)));
        }
        return List.copyOf(dropped);
    }

    /**
     * Writes what the page now says of a file it lists again (nothing when that is what is stored),
     * dropping its kept METADATA unless the page gives the same metadata sha256.
     */
    private void relist(Relisted now, Set<String> dropped) {
        CachedFile old = now.old().cached();
        if (old.file().equals(now.file()) && now.old().position() == now.position()) {
            return;
        }
        boolean sameMetadata = old.metadataKey().isEmpty()
                || old.file().metadataSha256().isPresent() && old.file().metadataSha256().equals(now.file().metadataSha256());
        if (!sameMetadata) {
            dropped.add(old.metadataKey().get());
        }
        jdbc.update(RELIST + (sameMetadata ? "" : ", metadata_key = NULL, metadata_size = NULL") + " WHERE id = ?",
                listing(now.position(), now.file(), old.id()));
    }

    @Override
    public void confirmPage(String normalizedName, Instant fetchedAt) {
        jdbc.update("UPDATE upstream_projects SET fetched_at = ? WHERE normalized_name = ?", Micros.of(fetchedAt),
                normalizedName);
    }

    @Override
    public Optional<CachedFile> file(String normalizedName, String filename) {
        return jdbc.one(FILE, SqlUpstream::file, normalizedName, filename);
    }

    @Override
    public boolean fileKept(long fileId, boolean metadata, String key, long size, Instant at) {
        if (!key.startsWith(KEY_PREFIX)) {
            throw new IllegalArgumentException("a cached blob's key starts with " + KEY_PREFIX + ": " + key);
        }
        long micros = Micros.of(at);
        String columns = metadata ? "metadata_key = ?, metadata_size = ?" : "blob_key = ?, blob_size = ?";
        return jdbc.update("UPDATE upstream_files SET " + columns + ", last_used = CASE WHEN last_used IS NULL"
                + " OR last_used < ? THEN ? ELSE last_used END WHERE id = ?", key, size, micros, micros, fileId) > 0;
    }

    @Override
    public void used(Map<Long, Instant> lastUse) {
        for (Map.Entry<Long, Instant> use : new TreeMap<>(lastUse).entrySet()) {
            long micros = Micros.of(use.getValue());
            jdbc.update("UPDATE upstream_files SET last_used = ? WHERE id = ? AND (last_used IS NULL OR last_used < ?)",
                    micros, use.getKey(), micros);
        }
    }

    @Override
    public long keptBytes() {
        return jdbc.one(KEPT_BYTES, rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public List<KeptBlob> leastRecentlyUsed(int limit) {
        if (limit < 1) {
            return List.of();
        }
        List<KeptBlob> blobs = new ArrayList<>();
        // Each row keeps one blob or two, so `limit` rows hold at least `limit` blobs.
        jdbc.rows(LEAST_RECENTLY_USED, rs -> {
                    Instant lastUsed = Micros.toInstant(rs.getLong(5));
                    if (rs.getString(1) != null) {
                        blobs.add(new KeptBlob(rs.getString(1), rs.getLong(2), lastUsed));
                    }
                    if (rs.getString(3) != null) {
                        blobs.add(new KeptBlob(rs.getString(3), rs.getLong(4), lastUsed));
                    }
                }, limit);
        return List.copyOf(blobs.subList(0, Math.min(limit, blobs.size())));
    }

    @Override
    public void forget(String key) {
        jdbc.update(FORGET_BLOB, key);
        jdbc.update(FORGET_METADATA, key);
    }

    @Override
    public List<String> purge(Optional<String> normalizedName) {
        Set<String> keys = new LinkedHashSet<>();
        Jdbc.RowHandler collect = rs -> {
            addIfPresent(keys, rs.getString(1));
            addIfPresent(keys, rs.getString(2));
        };
        if (normalizedName.isPresent()) {
            jdbc.rows(PURGED_KEYS, collect, normalizedName.get());
            jdbc.update("DELETE FROM upstream_projects WHERE normalized_name = ?", normalizedName.get());
        } else {
            jdbc.rows("SELECT f.blob_key, f.metadata_key FROM upstream_files f WHERE " + KEPT, collect);
            // Every row: a scan of each table is the plan, and the cascade finds the files gone already.
            jdbc.update("DELETE FROM upstream_files");
            jdbc.update("DELETE FROM upstream_projects");
        }
        return List.copyOf(keys);
    }

    @Override
    public boolean referencesBlob(String key) {
        return jdbc.one(NAMES_BLOB, rs -> true, key).isPresent() || jdbc.one(NAMES_METADATA, rs -> true, key).isPresent();
    }

    @Override
    public List<CachedFile> keptAfter(long afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one file: " + limit);
        }
        return jdbc.list(KEPT_AFTER, SqlUpstream::file, afterId, limit);
    }

    /** The arguments of {@link #RELIST} (or of the insert), then {@code more}. */
    private static Object[] listing(int position, UpstreamFile file, Object... more) {
        List<Object> args = new ArrayList<>(List.of(position, file.url().toString()));
        args.add(file.size().isPresent() ? file.size().getAsLong() : null);
        args.add(file.uploadTime().map(Micros::of).orElse(null));
        args.add(file.requiresPython().orElse(null));
        args.add(file.yanked().orElse(null));
        args.add(file.metadataSha256().orElse(null));
        args.addAll(Arrays.asList(more));
        return args.toArray();
    }

    private static CachedFile file(ResultSet rs) throws SQLException {
        long uploadTime = rs.getLong(6);
        Optional<Instant> uploaded = rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(uploadTime));
        UpstreamFile file = new UpstreamFile(rs.getString(2), URI.create(rs.getString(3)),
                Optional.ofNullable(rs.getString(4)), optionalLong(rs, 5), uploaded,
                Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)),
                Optional.ofNullable(rs.getString(9)));
        return new CachedFile(rs.getLong(1), file, Optional.ofNullable(rs.getString(10)),
                Optional.ofNullable(rs.getString(11)));
    }

    private static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static void addIfPresent(Set<String> keys, String key) {
        if (key != null) {
            keys.add(key);
        }
    }
}
