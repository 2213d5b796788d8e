-- Staff look orders up by the buyer's address whatever its case (addresses keep the case of their local part as the
-- buyer typed it), so the email index is on lower(email); the exact-case index of V2 is no longer used by any query.
CREATE INDEX orders_tenant_email_lower_created ON orders (tenant_id, lower(email), created_at DESC, id DESC);
DROP INDEX orders_tenant_email_created;
