-- The W3C traceparent of the request that queued an email, so its delivery (the SMTP send and its log lines) is in
-- the trace of the order or sign-up that caused it. Null for emails queued before traces were stored.
ALTER TABLE emails ADD COLUMN trace_parent text;
