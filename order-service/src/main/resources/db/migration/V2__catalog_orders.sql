-- The catalog, orders with their lines and timeline, idempotency records, per-shop counters (order numbers and the
-- monthly orders a tier allows), the outbox (emails) and the order audit log. Every row of shop data carries its
-- tenant_id, and every query filters by it. Money is bigint minor units of an ISO 4217 currency.

CREATE TABLE products (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    sku         text        NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text        CHECK (length(description) <= 5000),
    price       bigint      NOT NULL CHECK (price >= 0),
    currency    text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    stock       integer     CHECK (stock >= 0),
    active      boolean     NOT NULL,
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT products_sku_per_tenant UNIQUE (tenant_id, sku)
);
-- the catalog's pages, newest first, all products or only the active ones
CREATE INDEX products_tenant_created ON products (tenant_id, created_at DESC, id DESC);
CREATE INDEX products_tenant_active_created ON products (tenant_id, active, created_at DESC, id DESC);

CREATE TABLE orders (
    id                uuid        PRIMARY KEY,
    tenant_id         uuid        NOT NULL,
    order_number      bigint      NOT NULL,
    customer_id       uuid,
    email             text        NOT NULL,
    name              text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('pending', 'awaiting_payment', 'paid', 'shipped',
                                                             'delivered', 'cancelled', 'refunded')),
    currency          text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal          bigint      NOT NULL CHECK (subtotal >= 0),
    total             bigint      NOT NULL CHECK (total >= 0),
    access_token_hash bytea       NOT NULL,
    tracking_url      text,
    version           bigint      NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT orders_number_per_tenant UNIQUE (tenant_id, order_number)
);
-- staff lists (all, by status, by email), a customer's own orders, and the jobs' scan of stale unpaid orders
CREATE INDEX orders_tenant_created ON orders (tenant_id, created_at DESC, id DESC);
CREATE INDEX orders_tenant_status_created ON orders (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX orders_tenant_email_created ON orders (tenant_id, email, created_at DESC, id DESC);
CREATE INDEX orders_customer_created ON orders (tenant_id, customer_id, created_at DESC, id DESC)
    WHERE customer_id IS NOT NULL;
CREATE INDEX orders_status_created ON orders (status, created_at);

CREATE TABLE order_items (
    id         uuid    PRIMARY KEY,
    order_id   uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no    integer NOT NULL CHECK (line_no BETWEEN 1 AND 100),
    product_id uuid    NOT NULL,
    sku        text    NOT NULL,
    name       text    NOT NULL,
    quantity   integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_price bigint  NOT NULL CHECK (unit_price >= 0),
    line_total bigint  NOT NULL CHECK (line_total >= 0),
    CONSTRAINT order_items_line UNIQUE (order_id, line_no),
    CONSTRAINT order_items_product UNIQUE (order_id, product_id)
);

CREATE TABLE order_events (
    id           uuid        PRIMARY KEY,
    order_id     uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status       text        NOT NULL,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    note         text,
    tracking_url text
);
CREATE INDEX order_events_order ON order_events (order_id, at);

-- One row per (shop, caller, Idempotency-Key): 'running' while the first request works, then 'done' with the
-- response to replay until it expires.
CREATE TABLE idempotency_records (
    tenant_id       uuid        NOT NULL,
    caller          text        NOT NULL,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    operation       text        NOT NULL,
    fingerprint     bytea       NOT NULL,
    state           text        NOT NULL CHECK (state IN ('running', 'done')),
    response_status integer,
    response_body   text,
    location        text,
    created_at      timestamptz NOT NULL,
    locked_until    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, caller, idempotency_key)
);
CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);

-- The last order number each shop handed out (numbers start at 1001).
CREATE TABLE order_numbers (
    tenant_id   uuid   PRIMARY KEY,
    last_number bigint NOT NULL
);

-- Orders each shop placed in each UTC calendar month, for its tier's limit.
CREATE TABLE monthly_order_counts (
    tenant_id uuid    NOT NULL,
    month     date    NOT NULL,
    orders    integer NOT NULL CHECK (orders >= 0),
    PRIMARY KEY (tenant_id, month)
);

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
CREATE INDEX audit_events_tenant_time ON audit_events (tenant_id, created_at DESC, id DESC);
