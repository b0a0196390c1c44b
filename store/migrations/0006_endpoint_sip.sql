-- SIP (PJSIP) endpoints and their templates, told apart by "template":
-- one table so that a name is unique across both. Each section's options
-- are a JSON list of [key, value] pairs. transport_uuid has no foreign key
-- until SIP transports have a table.
CREATE TABLE endpoints_sip (
    uuid TEXT PRIMARY KEY,
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    template BOOLEAN NOT NULL DEFAULT FALSE,
    name TEXT NOT NULL UNIQUE,
    label TEXT,
    asterisk_id TEXT,
    transport_uuid TEXT,
    aor_section_options TEXT NOT NULL DEFAULT '[]',
    auth_section_options TEXT NOT NULL DEFAULT '[]',
    endpoint_section_options TEXT NOT NULL DEFAULT '[]',
    identify_section_options TEXT NOT NULL DEFAULT '[]',
    registration_section_options TEXT NOT NULL DEFAULT '[]',
    registration_outbound_auth_section_options TEXT NOT NULL DEFAULT '[]',
    outbound_auth_section_options TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX endpoints_sip_tenant ON endpoints_sip (tenant_uuid, template);

-- The ordered templates of an endpoint or template; deleting a template
-- removes it from the lists that named it.
CREATE TABLE endpoints_sip_templates (
    endpoint_uuid TEXT NOT NULL REFERENCES endpoints_sip (uuid) ON DELETE CASCADE,
    template_uuid TEXT NOT NULL REFERENCES endpoints_sip (uuid) ON DELETE CASCADE,
    priority INTEGER NOT NULL,
    PRIMARY KEY (endpoint_uuid, template_uuid)
);
CREATE INDEX endpoints_sip_templates_template ON endpoints_sip_templates (template_uuid);
