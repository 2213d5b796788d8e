-- The W3C traceparent of the transaction that wrote a message (service-defaults' OutboxWriter), so the relay delivers
-- it in the same trace. Null for messages written before traces were stored: those are delivered in a new trace.
ALTER TABLE outbox ADD COLUMN trace_parent text;
