-- Cheeseshop's first schema (SQLite). Times are microseconds since the epoch (BIGINT).
-- Keep the PostgreSQL twin of this file in step: same tables, columns and indexes.

CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    normalized_name TEXT    NOT NULL,
    created         BIGINT  NOT NULL,
    last_serial     BIGINT  NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX projects_normalized_name ON projects (normalized_name);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT    NOT NULL,
    normalized_username TEXT    NOT NULL,
    email               TEXT,
    password_hash       TEXT    NOT NULL,
    is_admin            BOOLEAN NOT NULL DEFAULT FALSE,
    created             BIGINT  NOT NULL
);
CREATE UNIQUE INDEX users_normalized_username ON users (normalized_username);

CREATE TABLE roles (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_name  TEXT    NOT NULL CHECK (role_name IN ('Owner', 'Maintainer'))
);
CREATE UNIQUE INDEX roles_project_user ON roles (project_id, user_id);
CREATE INDEX roles_user ON roles (user_id);

CREATE TABLE releases (
    id                INTEGER PRIMARY KEY,
    project_id        INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    version           TEXT    NOT NULL,
    canonical_version TEXT    NOT NULL,
    requires_python   TEXT,
    summary           TEXT,
    metadata          TEXT    NOT NULL,
    yanked            BOOLEAN NOT NULL DEFAULT FALSE,
    yanked_reason     TEXT,
    created           BIGINT  NOT NULL
);
CREATE UNIQUE INDEX releases_project_canonical ON releases (project_id, canonical_version);
CREATE INDEX releases_created ON releases (created);

CREATE TABLE release_classifiers (
    release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    classifier TEXT    NOT NULL,
    PRIMARY KEY (release_id, classifier)
);
CREATE INDEX release_classifiers_classifier ON release_classifiers (classifier);

CREATE TABLE files (
    id                  INTEGER PRIMARY KEY,
    release_id          INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    filename            TEXT    NOT NULL,
    packagetype         TEXT    NOT NULL,
    python_version      TEXT    NOT NULL,
    size                BIGINT  NOT NULL,
    md5_digest          TEXT    NOT NULL,
    sha256_digest       TEXT    NOT NULL,
    blake2_256_digest   TEXT    NOT NULL,
    metadata_sha256     TEXT,
    metadata_blake2_256 TEXT,
    upload_time         BIGINT  NOT NULL,
    path                TEXT    NOT NULL,
    comment_text        TEXT,
    uploaded_via        TEXT
);
CREATE UNIQUE INDEX files_filename ON files (filename);
CREATE UNIQUE INDEX files_blake2_256_digest ON files (blake2_256_digest);
CREATE UNIQUE INDEX files_path ON files (path);
CREATE INDEX files_release ON files (release_id);

-- Every filename ever uploaded, so that a deleted file's name is never used again.
CREATE TABLE file_registry (
    id       INTEGER PRIMARY KEY,
    filename TEXT NOT NULL
);
CREATE UNIQUE INDEX file_registry_filename ON file_registry (filename);

-- The journal. AUTOINCREMENT: a serial is never handed out twice, even after deletions.
CREATE TABLE journals (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT   NOT NULL,
    version        TEXT,
    action         TEXT   NOT NULL,
    submitted_date BIGINT NOT NULL,
    submitted_by   TEXT
);
