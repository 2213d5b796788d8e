-- The shop an email speaks for: its name heads the email and is the display name of its From header. Null for
-- emails sent without one (the suite's own name is used instead).
ALTER TABLE emails ADD COLUMN shop_name text CHECK (char_length(shop_name) BETWEEN 1 AND 200);
