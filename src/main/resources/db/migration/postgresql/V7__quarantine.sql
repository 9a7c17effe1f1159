-- Quarantine (issue 9), the twin of SQLite's V7: when an administrator put the project or the
-- release in quarantine, in microseconds since the epoch, or NULL while it is not.
ALTER TABLE projects ADD COLUMN quarantined_at BIGINT NULL;
ALTER TABLE releases ADD COLUMN quarantined_at BIGINT NULL;

-- The Simple index reads the projects out of quarantine in normalised-name order: a partial
-- covering index makes that an index-only scan in order, with no condition on a later column
-- (SQLite's V7 widens projects_listing instead; list_packages_with_serial, which lists every
-- project, keeps reading projects_listing here).
CREATE INDEX projects_visible_listing ON projects (normalized_name, name, last_serial) WHERE quarantined_at IS NULL;
