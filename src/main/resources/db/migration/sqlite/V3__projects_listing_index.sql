-- The project listing (list_packages_with_serial, the Simple index) reads every project in
-- normalised-name order. An index covering the columns it reads makes that a scan of the index
-- alone; through projects_normalized_name it was one look-up in the table per project, ten
-- times the work at PyPI's 700,000 projects (see docs/benchmarks.md).
CREATE INDEX projects_listing ON projects (normalized_name, name, last_serial);
