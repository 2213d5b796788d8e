-- Dead outbox messages, found without reading the whole table: the outbox gauges count them every few seconds
-- (service-defaults' OutboxGauges) and the retention job deletes them by age (OutboxRetention).
CREATE INDEX outbox_dead ON outbox (created_at) WHERE status = 'dead';
