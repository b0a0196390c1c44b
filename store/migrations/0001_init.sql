-- Tenants, install information, the outbox, contexts and extensions.
CREATE TABLE infos (
    uuid TEXT PRIMARY KEY,
    master_tenant_uuid TEXT,
    starter_contexts_done BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE tenants (
    uuid TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    slug TEXT NOT NULL,
    parent_uuid TEXT REFERENCES tenants (uuid) ON DELETE RESTRICT,
    sip_templates_generated BOOLEAN NOT NULL DEFAULT FALSE,
    global_sip_template_uuid TEXT,
    webrtc_sip_template_uuid TEXT,
    registration_trunk_sip_template_uuid TEXT,
    global_trunk_sip_template_uuid TEXT,
    twilio_trunk_sip_template_uuid TEXT
);
CREATE INDEX tenants_parent ON tenants (parent_uuid);

CREATE TABLE outbox (
    id {{serial}},
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until BIGINT
);

CREATE TABLE contexts (
    id {{serial}},
    uuid TEXT NOT NULL UNIQUE,
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    name TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT 'internal',
    description TEXT,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    user_ranges TEXT NOT NULL DEFAULT '[]',
    group_ranges TEXT NOT NULL DEFAULT '[]',
    queue_ranges TEXT NOT NULL DEFAULT '[]',
    conference_room_ranges TEXT NOT NULL DEFAULT '[]',
    incall_ranges TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX contexts_tenant ON contexts (tenant_uuid);

CREATE TABLE context_includes (
    context_id BIGINT NOT NULL REFERENCES contexts (id) ON DELETE CASCADE,
    included_id BIGINT NOT NULL REFERENCES contexts (id) ON DELETE CASCADE,
    priority INTEGER NOT NULL,
    PRIMARY KEY (context_id, included_id)
);
CREATE INDEX context_includes_included ON context_includes (included_id);

CREATE TABLE extensions (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    exten TEXT NOT NULL,
    context TEXT NOT NULL REFERENCES contexts (name) ON UPDATE CASCADE ON DELETE RESTRICT,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (exten, context)
);
CREATE INDEX extensions_tenant ON extensions (tenant_uuid);
CREATE INDEX extensions_context ON extensions (context);
