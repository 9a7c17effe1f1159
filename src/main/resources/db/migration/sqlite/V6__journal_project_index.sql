-- One project's journal, paged by serial (GET /api/v1/projects/<project>/journal). journals.name
-- is the project's display name when the entry was written, and uploads may change its spelling,
-- so entries are found by a normalised key: lower case with '_' and '.' as '-' (PEP 503 for every
-- name without a run of separators). The key is an expression both SQLite and PostgreSQL index;
-- the rowid (the serial) ends the index, so a page is one range of it, in serial order.
CREATE INDEX journals_project ON journals (replace(replace(lower(name), '_', '-'), '.', '-'));
