-- Refresh tokens: opaque, only their SHA-256 stored, 30 days, rotated on every use. Tokens descending from one login
-- share a family; presenting a token that was already rotated revokes the whole family.
CREATE TABLE refresh_tokens (
    token_sha256 bytea       PRIMARY KEY,
    family_id    uuid        NOT NULL,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL,
    rotated_at   timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
