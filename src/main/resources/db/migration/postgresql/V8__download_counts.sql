-- Download counts (issue 11), the twin of SQLite's V8: downloads of each file on each UTC day (days
-- since 1970-01-01), added to in batches by an upsert per (file, day); a removed file's counts go
-- with it.
CREATE TABLE download_counts (
    file_id   BIGINT NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    day       BIGINT NOT NULL,
    downloads BIGINT NOT NULL,
    PRIMARY KEY (file_id, day)
);

CREATE INDEX download_counts_day ON download_counts (day, file_id, downloads);
