-- API tokens (issue 9). Only the SHA-256 digest of a token is stored: the token is 32 random
-- bytes, so a fast digest is enough, and a look-up by digest is one probe of a unique index.
-- Times are microseconds since the epoch (BIGINT), as in every other table; expires, last_used
-- and revoked are NULL until they apply.
CREATE TABLE api_tokens (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    digest    TEXT    NOT NULL,
    created   BIGINT  NOT NULL,
    expires   BIGINT,
    last_used BIGINT,
    revoked   BIGINT
);
CREATE UNIQUE INDEX api_tokens_digest ON api_tokens (digest);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- A token's scope: the normalised names of the projects it may upload to (none: every project
-- its user may upload to). Names, not project ids: a scope must never widen, and a foreign key
-- with ON DELETE CASCADE would turn a scoped token into an unscoped one the day its project is
-- removed; a name keeps meaning "only this name". A child table rather than a list in a column,
-- so that nothing parses a separator and the rows stay in the portable SQL subset.
CREATE TABLE api_token_projects (
    token_id        INTEGER NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    normalized_name TEXT    NOT NULL,
    PRIMARY KEY (token_id, normalized_name)
);
