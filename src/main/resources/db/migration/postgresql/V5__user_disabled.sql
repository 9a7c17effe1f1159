-- A disabled account (issue 9): when an administrator disabled it, in microseconds since the
-- epoch, or NULL while it is enabled.
ALTER TABLE users ADD COLUMN disabled_at BIGINT NULL;
