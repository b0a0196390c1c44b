-- Phone numbers of a tenant. The database keeps the two rules concurrency
-- could break: at most one main number per tenant (a partial unique index),
-- and the main number is shared.
CREATE TABLE phone_numbers (
    uuid TEXT PRIMARY KEY,
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    number TEXT NOT NULL,
    caller_id_name TEXT,
    shared BOOLEAN NOT NULL DEFAULT FALSE,
    main BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT phone_numbers_number UNIQUE (tenant_uuid, number),
    CONSTRAINT phone_numbers_main_shared CHECK (shared OR NOT main)
);
CREATE UNIQUE INDEX phone_numbers_one_main ON phone_numbers (tenant_uuid) WHERE main;
