-- Search folds accents on PostgreSQL as SQLite's FTS5 does (unicode61 remove_diacritics 2):
-- "cafe" finds "Café", and "café" finds "cafe". A text search configuration like 'simple'
-- (lower-cased words, no stemming, no stop words) with the unaccent dictionary before it, for
-- the words that can hold a letter outside ASCII. unaccent is one of PostgreSQL's own modules
-- (contrib, in Debian's server package and the official images), trusted since PostgreSQL 13:
-- the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION cheeseshop_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION cheeseshop_search
    ALTER MAPPING FOR word, numword, hword, hword_part, hword_numpart WITH unaccent, simple;

-- The vector again under the new configuration (dropping the column drops its GIN index), then
-- the index; store.sql.PostgresFullText queries with the same configuration.
ALTER TABLE project_search DROP COLUMN search_vector;
ALTER TABLE project_search ADD COLUMN search_vector TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('cheeseshop_search'::regconfig, replace(normalized_name, '-', ' ')), 'A')
    || setweight(to_tsvector('cheeseshop_search'::regconfig, coalesce(summary, '')), 'B')
    || setweight(to_tsvector('cheeseshop_search'::regconfig, coalesce(keywords, '')), 'B')) STORED;
CREATE INDEX project_search_vector ON project_search USING GIN (search_vector);
