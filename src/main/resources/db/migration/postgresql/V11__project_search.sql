-- Project search (issue 13), the twin of SQLite's V11: the same tables, with the full text in a
-- generated tsvector column under a GIN index instead of an FTS5 table.
CREATE TABLE project_search (
    project_id      BIGINT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    normalized_name TEXT COLLATE "C" NOT NULL,
    display_name    TEXT COLLATE "C" NOT NULL,
    version         TEXT COLLATE "C",
    summary         TEXT COLLATE "C",
    keywords        TEXT COLLATE "C",
    created         BIGINT NOT NULL,
    last_release    BIGINT,
    -- The 'simple' configuration: lower-cased words, no stemming and no stop words, as FTS5's
    -- unicode61 (which also folds accents; 'simple' does not). The name's dashes become spaces so
    -- that its words are lexemes as FTS5 sees them. The name weighs A, summary and keywords B.
    search_vector   TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, replace(normalized_name, '-', ' ')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(summary, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(keywords, '')), 'B')) STORED
);
-- The exact name and the name-prefix look-ups (a range: the column compares bytes, COLLATE "C",
-- so a plain B-tree serves it), and the listing by name.
CREATE UNIQUE INDEX project_search_name ON project_search (normalized_name);
CREATE INDEX project_search_vector ON project_search USING GIN (search_vector);

CREATE TABLE project_search_classifiers (
    project_id BIGINT NOT NULL REFERENCES project_search (project_id) ON DELETE CASCADE,
    classifier TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (classifier, project_id)
);
CREATE INDEX project_search_classifiers_project ON project_search_classifiers (project_id);

-- The index of the projects already there (store.sql.PostgresFullText.REBUILD runs the same).
INSERT INTO project_search (project_id, normalized_name, display_name, version, summary, keywords, created, last_release)
SELECT p.id, p.normalized_name, p.name, r.version, (r.metadata::json -> 'summary') ->> 0,
       (r.metadata::json -> 'keywords') ->> 0, p.created, r.created
FROM projects p
LEFT JOIN releases r ON r.id = (SELECT n.id FROM releases n WHERE n.project_id = p.id AND n.quarantined_at IS NULL
                                ORDER BY n.created DESC, n.id DESC LIMIT 1)
WHERE p.quarantined_at IS NULL;

INSERT INTO project_search_classifiers (project_id, classifier)
SELECT s.project_id, c.classifier
FROM project_search s
JOIN release_classifiers c ON c.release_id = (SELECT n.id FROM releases n WHERE n.project_id = s.project_id
                                              AND n.quarantined_at IS NULL ORDER BY n.created DESC, n.id DESC LIMIT 1);
