-- Shops (tenants), their users, one-time email verification tokens (only their SHA-256 is stored) and the auth audit
-- log. Every user row belongs to exactly one tenant; an address is unique within its tenant.
CREATE TABLE tenants (
    id         uuid        PRIMARY KEY,
    slug       text        NOT NULL UNIQUE,
    name       text        NOT NULL,
    tier       text        NOT NULL CHECK (tier IN ('starter', 'pro', 'studio')),
    status     text        NOT NULL CHECK (status IN ('active', 'suspended')),
    created_at timestamptz NOT NULL
);

CREATE TABLE users (
    id                uuid        PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    email             text        NOT NULL,
    name              text        NOT NULL,
    password_hash     text        NOT NULL,
    role              text        NOT NULL CHECK (role IN ('admin', 'staff', 'customer')),
    email_verified_at timestamptz,
    created_at        timestamptz NOT NULL,
    CONSTRAINT users_email_per_tenant UNIQUE (tenant_id, email)
);

CREATE TABLE email_verification_tokens (
    token_sha256 bytea       PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    created_at   timestamptz NOT NULL
);
CREATE INDEX email_verification_tokens_user ON email_verification_tokens (user_id);

CREATE TABLE audit_events (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid,
    actor      text,
    action     text        NOT NULL,
    ip         text,
    user_agent text,
    request_id text,
    metadata   jsonb       NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL
);
CREATE INDEX audit_events_tenant_time ON audit_events (tenant_id, created_at DESC);
