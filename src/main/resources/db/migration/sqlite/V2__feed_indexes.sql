-- Indexes for the RSS feeds: the newest projects, and one project's newest releases.
-- (The newest releases of all projects use releases_created.) Each index ends, implicitly in
-- SQLite, with the row id, the feeds' tie-breaker; the PostgreSQL twin lists id explicitly.
CREATE INDEX projects_created ON projects (created);
CREATE INDEX releases_project_created ON releases (project_id, created);
