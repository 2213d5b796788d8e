-- The durable email queue. A row is written, already rendered, before intake answers 202; the worker claims due
-- rows with FOR UPDATE SKIP LOCKED and a lease, so replicas never send the same row at once and a crashed worker's
-- rows are picked up again when their lease runs out.
CREATE TABLE emails (
    id               uuid        PRIMARY KEY,
    idempotency_key  text        NOT NULL,
    client_id        text        NOT NULL,
    request_hash     text        NOT NULL,
    template         text        NOT NULL,
    locale           text        NOT NULL,
    tenant_id        text,
    recipient        text        NOT NULL,
    subject          text        NOT NULL,
    html_body        text        NOT NULL,
    text_body        text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'dead')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    CONSTRAINT emails_idempotency UNIQUE (client_id, idempotency_key)
);

-- the worker's scan: due queued rows and expired leases
CREATE INDEX emails_due ON emails (next_attempt_at) WHERE status IN ('queued', 'sending');
-- the admin view: one tenant's emails by status, newest first, keyset-paginated by (created_at, id)
CREATE INDEX emails_tenant_status ON emails (tenant_id, status, created_at DESC, id DESC);
-- the retention job
CREATE INDEX emails_sent_at ON emails (sent_at) WHERE status = 'sent';
