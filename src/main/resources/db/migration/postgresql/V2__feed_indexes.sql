-- Indexes for the RSS feeds: the newest projects, and one project's newest releases.
-- (The newest releases of all projects use releases_created.) Each index ends with id, the
-- feeds' tie-breaker, which SQLite's twin appends implicitly.
CREATE INDEX projects_created ON projects (created, id);
CREATE INDEX releases_project_created ON releases (project_id, created, id);
