package dev.cheeseshop.store.sql;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every table of the index with every column, in the order {@code migrate} copies them: each after
 * the tables its foreign keys name. A table is copied in pages of its id; a child table without an
 * id of its own (a release's classifiers, a file's download counts, a token's projects) goes with the page of its parent.
 * {@code CopiedTablesTest} holds this list, with {@link #NOT_COPIED}, to the migrated schema of
 * both dialects, so a new table or column cannot be forgotten here.
 */
public final class CopiedTables {
    /** How a column's value is read and written, the same on both dialects. */
    enum Type { LONG, TEXT, BOOL }

    record Column(String name, Type type) {}

    /** Rows keyed by {@code parentKey}, copied with the page of their parent's ids; ordered by {@code order}. */
    record Child(String name, String parentKey, String order, List<Column> columns) {}

    /** A table with an {@code id} primary key, and its child table if it has one. */
    record Table(String name, List<Column> columns, Child child) {
        /** The names of this table and its child's. */
        Stream<String> names() {
            return child == null ? Stream.of(name) : Stream.of(name, child.name());
        }
    }

    static final List<Table> TABLES = List.of(
            table("users", "id", "username:T", "normalized_username:T", "email:T", "password_hash:T", "is_admin:B",
                    "created", "disabled_at"),
            table("projects", "id", "name:T", "normalized_name:T", "created", "last_serial", "quarantined_at"),
            withChild(table("releases", "id", "project_id", "version:T", "canonical_version:T", "requires_python:T",
                    "summary:T", "metadata:T", "yanked:B", "yanked_reason:T", "created", "quarantined_at",
                    "description_html:T", "description_renderer:T", "description_problem:T"),
                    new Child("release_classifiers", "release_id", "release_id, classifier",
                            columns("release_id", "classifier:T"))),
            withChild(table("files", "id", "release_id", "filename:T", "packagetype:T", "python_version:T", "size",
                    "md5_digest:T", "sha256_digest:T", "blake2_256_digest:T", "metadata_sha256:T",
                    "metadata_blake2_256:T", "upload_time", "path:T", "comment_text:T", "uploaded_via:T"),
                    new Child("download_counts", "file_id", "file_id, day", columns("file_id", "day", "downloads"))),
            table("file_registry", "id", "filename:T"),
            table("roles", "id", "project_id", "user_id", "role_name:T"),
            withChild(table("api_tokens", "id", "user_id", "name:T", "digest:T", "created", "expires", "last_used",
                    "revoked"),
                    new Child("api_token_projects", "token_id", "token_id, normalized_name",
                            columns("token_id", "normalized_name:T"))),
            table("journals", "id", "name:T", "version:T", "action:T", "submitted_date", "submitted_by:T"));

    /**
     * The tables of the index that are not copied, children first. The proxy's cache of the
     * upstream ({@code store.UpstreamStore}): a cache is fetched again, and the blobs it names
     * are not a file row's, so {@code migrate} (which copies the blobs file rows name) would
     * leave its rows naming blobs the target lacks. The browser sessions ({@code
     * store.SessionStore}): on purpose, a moved or restored index asks its users to log in again,
     * rather than bringing back sessions that were logged out or ended since (a restored backup
     * would revive a cookie its user believed gone). A target holding rows here is still not
     * empty ({@link SqlDatabase#isEmpty}), and a backup empties them in its copy
     * ({@link SqlDatabase#forgetNotCopied}).
     */
    public static final List<String> NOT_COPIED = List.of("upstream_files", "upstream_projects", "web_sessions");

    /**
     * The tables derived from the copied ones and rebuilt from them at the end of a copy
     * ({@link SqlDatabase#rebuildSearch}): the search index, whose full text differs per dialect
     * (SQLite's FTS5 table {@code project_search_fts} and its {@code project_search_fts_*} shadow
     * tables, PostgreSQL's generated column). A backup keeps them, as they are.
     */
    public static final List<String> DERIVED = List.of("project_search_classifiers", "project_search");

    /** Whether the table is one of {@link #DERIVED}, or a part of SQLite's full text over them. */
    public static boolean derived(String table) {
        return DERIVED.contains(table) || table.equals("project_search_fts") || table.startsWith("project_search_fts_");
    }

    private CopiedTables() {}

    /** The names of every table copied, children after their parents, in copy order. */
    public static List<String> names() {
        return TABLES.stream().flatMap(Table::names).toList();
    }

    /** The names of the tables copied in pages of their ids (no children), in copy order. */
    public static List<String> pagedNames() {
        return TABLES.stream().map(Table::name).toList();
    }

    static Table table(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such table: " + name));
    }

    private static Table table(String name, String... columns) {
        return new Table(name, columns(columns), null);
    }

    private static Table withChild(Table table, Child child) {
        return new Table(table.name(), table.columns(), child);
    }

    /** {@code "name"} is a BIGINT, {@code "name:T"} text, {@code "name:B"} a boolean. */
    private static List<Column> columns(String... specs) {
        return Stream.of(specs).map(spec -> {
            String[] parts = spec.split(":");
            Type type = parts.length == 1 ? Type.LONG : switch (parts[1]) {
                case "T" -> Type.TEXT;
                case "B" -> Type.BOOL;
                default -> throw new IllegalArgumentException(spec);
            };
            return new Column(parts[0], type);
        }).toList();
    }
}
