-- The project listing (list_packages_with_serial, the Simple index) reads every project in
-- normalised-name order. An index covering the columns it reads makes that an index-only scan
-- (once the table is vacuumed), as in SQLite's twin.
CREATE INDEX projects_listing ON projects (normalized_name, name, last_serial);
