-- Non-SIP endpoints: custom (a free-form dial string), IAX2 and SCCP.
-- Interfaces and names are Asterisk-wide, so unique across tenants.
CREATE TABLE endpoints_custom (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    interface TEXT NOT NULL UNIQUE,
    interface_suffix TEXT,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    context TEXT
);
CREATE INDEX endpoints_custom_tenant ON endpoints_custom (tenant_uuid);

-- options: JSON list of [name, value]: the native options, then the others.
CREATE TABLE endpoints_iax (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL DEFAULT 'friend' CHECK (type IN ('friend', 'peer', 'user')),
    host TEXT NOT NULL DEFAULT 'dynamic',
    options TEXT NOT NULL DEFAULT '[]',
    context TEXT
);
CREATE INDEX endpoints_iax_tenant ON endpoints_iax (tenant_uuid);

CREATE TABLE endpoints_sccp (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    name TEXT NOT NULL UNIQUE,
    context TEXT NOT NULL DEFAULT '',
    cid_name TEXT NOT NULL DEFAULT '',
    cid_num TEXT NOT NULL DEFAULT '',
    disallow TEXT,
    allow TEXT
);
CREATE INDEX endpoints_sccp_tenant ON endpoints_sccp (tenant_uuid);
