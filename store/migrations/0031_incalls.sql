-- Incoming call routes and their DID: one extension per incall and one
-- incall per extension.
CREATE TABLE incalls (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    preprocess_subroutine TEXT,
    greeting_sound TEXT,
    caller_id_mode TEXT,
    caller_id_name TEXT,
    description TEXT
);
CREATE INDEX incalls_tenant ON incalls (tenant_uuid);

CREATE TABLE incall_extensions (
    incall_id BIGINT PRIMARY KEY REFERENCES incalls (id) ON DELETE CASCADE,
    extension_id BIGINT NOT NULL UNIQUE REFERENCES extensions (id) ON DELETE RESTRICT
);
