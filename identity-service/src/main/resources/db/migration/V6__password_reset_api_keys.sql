-- One-time password-reset tokens (only their SHA-256 stored, 1 hour, single use; a new one voids the older ones) and
-- the tenants' API keys (looked up by their public id; only the SHA-256 of the secret is stored).
CREATE TABLE password_reset_tokens (
    token_sha256 bytea       PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    created_at   timestamptz NOT NULL
);
CREATE INDEX password_reset_tokens_user ON password_reset_tokens (user_id, created_at);

CREATE TABLE api_keys (
    id            text        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    name          text        NOT NULL,
    secret_sha256 bytea       NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);
