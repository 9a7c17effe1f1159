-- Download counts (issue 11): how many times each file was downloaded on each UTC day, the day as
-- days since 1970-01-01. The server counts in memory and adds its counts here in batches with one
-- upsert per (file, day) (INSERT ... ON CONFLICT (file_id, day) DO UPDATE SET downloads =
-- download_counts.downloads + excluded.downloads), so counts survive restarts and every process on
-- the database adds to the same rows. A removed file's counts go with it (ON DELETE CASCADE).
CREATE TABLE download_counts (
    file_id   INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    day       BIGINT  NOT NULL,
    downloads BIGINT  NOT NULL,
    PRIMARY KEY (file_id, day)
);

-- The top listing reads the days of a period across every file: this covers it.
CREATE INDEX download_counts_day ON download_counts (day, file_id, downloads);
