-- Further access tokens of an order, besides the one its confirmation email carries (orders.access_token_hash).
-- Every later email (a status update, a cancellation) links to the status page with a token of its own, because
-- only tokens' SHA-256 are kept and the first token cannot be read back. Each keeps working for the life of the order.
CREATE TABLE order_access_tokens (
    id         uuid        PRIMARY KEY,
    order_id   uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    token_hash bytea       NOT NULL CHECK (length(token_hash) = 32),
    issued_at  timestamptz NOT NULL
);
CREATE INDEX order_access_tokens_order ON order_access_tokens (order_id);
