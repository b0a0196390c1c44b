-- Lines, with at most one endpoint each; an endpoint serves one line.
CREATE TABLE lines (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    context TEXT NOT NULL REFERENCES contexts (name) ON UPDATE CASCADE ON DELETE RESTRICT,
    provisioning_code TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 1,
    caller_id_name TEXT,
    caller_id_num TEXT,
    registrar TEXT NOT NULL DEFAULT 'default',
    device_id TEXT,
    endpoint_sip_uuid TEXT UNIQUE REFERENCES endpoints_sip (uuid) ON DELETE SET NULL,
    endpoint_sccp_id BIGINT UNIQUE REFERENCES endpoints_sccp (id) ON DELETE SET NULL,
    endpoint_custom_id BIGINT UNIQUE REFERENCES endpoints_custom (id) ON DELETE SET NULL,
    CHECK (NOT (endpoint_sip_uuid IS NOT NULL AND endpoint_sccp_id IS NOT NULL)),
    CHECK (NOT (endpoint_sip_uuid IS NOT NULL AND endpoint_custom_id IS NOT NULL)),
    CHECK (NOT (endpoint_sccp_id IS NOT NULL AND endpoint_custom_id IS NOT NULL))
);
CREATE INDEX lines_tenant ON lines (tenant_uuid);
CREATE INDEX lines_context ON lines (context);
