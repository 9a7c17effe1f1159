-- A disabled account (issue 9): when an administrator disabled it, in microseconds since the
-- epoch like every other time, or NULL while it is enabled. A disabled user's password and API
-- tokens are refused on every request; its roles, tokens and uploads are kept, so enabling it
-- again restores everything as it was.
ALTER TABLE users ADD COLUMN disabled_at BIGINT NULL;
