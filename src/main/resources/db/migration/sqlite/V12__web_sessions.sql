-- Browser sessions (issue 13, store.SessionStore, auth.WebSessions). The cookie holds 32 random
-- bytes; only their SHA-256 (lower-case hex) is stored, as for API tokens (V4), so a copy of the
-- database lets no one in, and a look-up is one probe of a unique index. csrf_token is the
-- session's synchronizer token, put in every form it shows: useless without the cookie, so kept
-- as it is. Times are microseconds since the epoch (BIGINT), as in every other table: expires is
-- when the session ends unless it is used again (the idle timeout, slid forward by use, never past
-- expires_max, the absolute lifetime). Not copied by `migrate` and emptied in a backup
-- (store.sql.CopiedTables.NOT_COPIED): a moved or restored index asks its users to log in again.
-- AUTOINCREMENT: an ended session's id is never handed out again, so an id kept by a request
-- (the session to keep when the others end) can never name a newer session.
CREATE TABLE web_sessions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    digest      TEXT    NOT NULL,
    csrf_token  TEXT    NOT NULL,
    created     BIGINT  NOT NULL,
    last_seen   BIGINT  NOT NULL,
    expires     BIGINT  NOT NULL,
    expires_max BIGINT  NOT NULL
);
CREATE UNIQUE INDEX web_sessions_digest ON web_sessions (digest);
-- A user's sessions, ended together (a password change, a disabled account, the cascade).
CREATE INDEX web_sessions_user ON web_sessions (user_id);
-- The sweep of ended sessions, oldest expiry first.
CREATE INDEX web_sessions_expires ON web_sessions (expires);
