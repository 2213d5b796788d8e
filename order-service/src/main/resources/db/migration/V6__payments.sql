-- Payments with Stripe (issue 11). An order is paid only when Stripe says so and the amount, currency, order and shop
-- of the PaymentIntent match it.

ALTER TABLE orders
    -- the PaymentIntent checkout created for this order (one per order: Stripe's idempotency key is the order's)
    ADD COLUMN payment_intent_id       text UNIQUE CHECK (payment_intent_id ~ '^pi_[A-Za-z0-9_]{1,250}$'),
    -- when checkout asked for payment: the reconciliation job asks Stripe about orders awaiting payment too long
    ADD COLUMN awaiting_payment_since  timestamptz,
    -- when a job last asked Stripe about this order's PaymentIntent; jobs claim orders by stamping it
    ADD COLUMN payment_checked_at      timestamptz,
    -- why the last payment attempt failed (Stripe's code and decline code), while the order still awaits payment
    ADD COLUMN payment_failure         text,
    -- a payment Stripe reported that does not match the order (amount, currency, order, shop, or a closed order):
    -- the order is not paid on it, and staff see it until they settle it with the customer
    ADD COLUMN payment_issue           text,
    ADD COLUMN paid_at                 timestamptz,
    ADD COLUMN refund_id               text,
    ADD COLUMN refunded_at             timestamptz;

-- the reconciliation job's scan: orders awaiting payment, oldest checkout first
CREATE INDEX orders_awaiting_payment ON orders (awaiting_payment_since) WHERE status = 'awaiting_payment';
-- staff's list of orders with a payment issue
CREATE INDEX orders_payment_issue ON orders (tenant_id, created_at DESC) WHERE payment_issue IS NOT NULL;

-- Each Stripe event is processed once: its id is inserted in the transaction that applies it, and an event whose id
-- is here already answers 200 and changes nothing. Rows older than 30 days are deleted (Stripe retries for 3 days).
CREATE TABLE stripe_events (
    id          text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
    type        text        NOT NULL,
    order_id    uuid,
    outcome     text        NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX stripe_events_received ON stripe_events (received_at);
