-- One project's journal, paged by serial (GET /api/v1/projects/<project>/journal), by the same
-- normalised key as SQLite's twin: lower case with '_' and '.' as '-'. journals.name is
-- COLLATE "C", so lower() folds ASCII only, as SQLite's does. id (the serial) ends the index
-- explicitly, so a page is one range of it, in serial order.
CREATE INDEX journals_project ON journals ((replace(replace(lower(name), '_', '-'), '.', '-')), id);
