-- Baseline of the notifications database: the schema starts here and each feature adds its tables in a migration of its
-- own (V2__..., V3__...). Migrations are append-only: never edit one that has landed.
CREATE TABLE service_metadata (
    name       text        PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO service_metadata (name, value) VALUES ('service', 'notification-service');
