-- Per-account lockout state for login: failures counted in a 15-minute window; once 5 are reached the account
-- waits (locked_until), 1 minute doubling per further failure up to 15 minutes. A success clears all three.
ALTER TABLE users
    ADD COLUMN failed_logins        integer     NOT NULL DEFAULT 0,
    ADD COLUMN failure_window_start timestamptz,
    ADD COLUMN locked_until         timestamptz;
