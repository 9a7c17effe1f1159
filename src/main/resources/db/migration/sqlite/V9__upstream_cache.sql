-- The proxy's cache of an upstream index (issue 12, store.UpstreamStore): each upstream project's
-- last page, and for each file it lists whether its bytes (and its METADATA, PEP 658) are kept in
-- the blob store. A cache, apart from the index: nothing here is journaled, `migrate` does not copy
-- it and a backup leaves it out (store.sql.CopiedTables.NOT_COPIED). Times are microseconds since
-- the epoch (BIGINT), as in every other table.

-- A project as the upstream last answered it: its validators for the next conditional GET (the
-- ETag as sent, X-PyPI-Last-Serial; NULL for a server that sends none) and when it was last
-- fetched or confirmed by a 304. AUTOINCREMENT: a purged project's id is never handed out again,
-- so (id, fetched_at) names one cached page for good (UpstreamStore.version).
CREATE TABLE upstream_projects (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    normalized_name TEXT    NOT NULL,
    display_name    TEXT    NOT NULL,
    etag            TEXT,
    serial          BIGINT,
    fetched_at      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX upstream_projects_normalized_name ON upstream_projects (normalized_name);

-- A file as the page lists it (position: its place in the upstream's order; sha256 NULL when the
-- upstream gives none, yanked NULL when not yanked, else the reason, possibly empty), and what is
-- kept of it: the blob key and size of its bytes and of its METADATA (NULL when not kept), and when
-- it was last used (for least-recently-used eviction). AUTOINCREMENT: a file id is never handed out
-- twice, so an id held by a download in flight can never name a newer row.
CREATE TABLE upstream_files (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER NOT NULL REFERENCES upstream_projects (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    filename        TEXT    NOT NULL,
    url             TEXT    NOT NULL,
    sha256          TEXT,
    size            BIGINT,
    upload_time     BIGINT,
    requires_python TEXT,
    yanked          TEXT,
    metadata_sha256 TEXT,
    blob_key        TEXT,
    blob_size       BIGINT,
    metadata_key    TEXT,
    metadata_size   BIGINT,
    last_used       BIGINT
);
-- A page's files, one file by name, and the cascade from a project.
CREATE UNIQUE INDEX upstream_files_project_filename ON upstream_files (project_id, filename);
-- The kept files, least recently used first (eviction), and their total size.
CREATE INDEX upstream_files_kept ON upstream_files (last_used)
    WHERE blob_key IS NOT NULL OR metadata_key IS NOT NULL;
-- Who names a blob (the reconciler's and the blob deleter's check, and forgetting a key).
CREATE INDEX upstream_files_blob_key ON upstream_files (blob_key) WHERE blob_key IS NOT NULL;
CREATE INDEX upstream_files_metadata_key ON upstream_files (metadata_key) WHERE metadata_key IS NOT NULL;
