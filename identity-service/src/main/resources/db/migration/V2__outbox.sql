-- The transactional outbox (service-defaults' OutboxWriter and OutboxRelay): a message is written in the same
-- transaction as the change it announces and relayed afterwards, with its id as the receiver's idempotency key.
CREATE TABLE outbox (
    id              uuid        PRIMARY KEY,
    destination     text        NOT NULL,
    payload         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
