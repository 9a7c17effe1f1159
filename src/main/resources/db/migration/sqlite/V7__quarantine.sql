-- Quarantine (issue 9): when an administrator put the project or the release in quarantine, in
-- microseconds since the epoch like every other time, or NULL while it is not. A quarantined
-- project or release is hidden from installers (the Simple index and pages, the JSON API, the
-- files, the feeds) and kept whole, so clearing the quarantine shows it again as it was.
ALTER TABLE projects ADD COLUMN quarantined_at BIGINT NULL;
ALTER TABLE releases ADD COLUMN quarantined_at BIGINT NULL;

-- The Simple index leaves quarantined projects out, and list_packages_with_serial lists them as
-- pypi.org does: the covering index of the listing (V3) carries the column both read, so each
-- stays a scan of the index alone.
DROP INDEX projects_listing;
CREATE INDEX projects_listing ON projects (normalized_name, name, last_serial, quarantined_at);
