-- Project search (issue 13): one row per project not in quarantine, kept by index.SearchIndexing in
-- the transaction of every change to a project or its releases. Keep the PostgreSQL twin in step.
-- version, summary, keywords and last_release are those of the project's newest release not in
-- quarantine (by creation time, the later-inserted on a tie), NULL when it has none (a reserved
-- name is still found by name).
CREATE TABLE project_search (
    project_id      INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    normalized_name TEXT   NOT NULL,
    display_name    TEXT   NOT NULL,
    version         TEXT,
    summary         TEXT,
    keywords        TEXT,
    created         BIGINT NOT NULL,
    last_release    BIGINT
);
-- The exact name and the name-prefix look-ups (a range), and the listing by name.
CREATE UNIQUE INDEX project_search_name ON project_search (normalized_name);

-- The classifiers of that release, for the filters: each filter is one range of the primary key.
CREATE TABLE project_search_classifiers (
    project_id INTEGER NOT NULL REFERENCES project_search (project_id) ON DELETE CASCADE,
    classifier TEXT    NOT NULL,
    PRIMARY KEY (classifier, project_id)
);
CREATE INDEX project_search_classifiers_project ON project_search_classifiers (project_id);

-- Full text over the name (its PEP 503 form: words between the dashes), summary and keywords:
-- an external-content FTS5 table over project_search (the text is not stored twice), kept in step
-- by the triggers below, as SQLite's documentation does it. unicode61 folds case and, with
-- remove_diacritics 2, accents; the prefix indexes make the 2- and 3-character prefixes a user is
-- typing one look-up each.
CREATE VIRTUAL TABLE project_search_fts USING fts5 (
    normalized_name, summary, keywords,
    content = 'project_search', content_rowid = 'project_id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

CREATE TRIGGER project_search_fts_insert AFTER INSERT ON project_search BEGIN
    INSERT INTO project_search_fts (rowid, normalized_name, summary, keywords)
    VALUES (new.project_id, new.normalized_name, new.summary, new.keywords);
END;

CREATE TRIGGER project_search_fts_delete AFTER DELETE ON project_search BEGIN
    INSERT INTO project_search_fts (project_search_fts, rowid, normalized_name, summary, keywords)
    VALUES ('delete', old.project_id, old.normalized_name, old.summary, old.keywords);
END;

CREATE TRIGGER project_search_fts_update AFTER UPDATE ON project_search BEGIN
    INSERT INTO project_search_fts (project_search_fts, rowid, normalized_name, summary, keywords)
    VALUES ('delete', old.project_id, old.normalized_name, old.summary, old.keywords);
    INSERT INTO project_search_fts (rowid, normalized_name, summary, keywords)
    VALUES (new.project_id, new.normalized_name, new.summary, new.keywords);
END;

-- The index of the projects already there (store.sql.SqliteFullText.REBUILD runs the same).
INSERT INTO project_search (project_id, normalized_name, display_name, version, summary, keywords, created, last_release)
SELECT p.id, p.normalized_name, p.name, r.version, json_extract(r.metadata, '$.summary[0]'),
       json_extract(r.metadata, '$.keywords[0]'), p.created, r.created
FROM projects p
LEFT JOIN releases r ON r.id = (SELECT n.id FROM releases n WHERE n.project_id = p.id AND n.quarantined_at IS NULL
                                ORDER BY n.created DESC, n.id DESC LIMIT 1)
WHERE p.quarantined_at IS NULL;

INSERT INTO project_search_classifiers (project_id, classifier)
SELECT s.project_id, c.classifier
FROM project_search s
JOIN release_classifiers c ON c.release_id = (SELECT n.id FROM releases n WHERE n.project_id = s.project_id
                                              AND n.quarantined_at IS NULL ORDER BY n.created DESC, n.id DESC LIMIT 1);
