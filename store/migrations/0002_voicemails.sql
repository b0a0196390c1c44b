-- Voicemails: one mailbox per number and context, at most one global box
-- per context; options are a JSON list of [key, value] pairs.
CREATE TABLE voicemails (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    name TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL,
    context TEXT NOT NULL REFERENCES contexts (name) ON UPDATE CASCADE ON DELETE RESTRICT,
    password TEXT,
    email TEXT,
    language TEXT,
    timezone TEXT,
    pager TEXT,
    max_messages BIGINT,
    attach_audio BOOLEAN,
    delete_messages BOOLEAN NOT NULL DEFAULT FALSE,
    ask_password BOOLEAN NOT NULL DEFAULT TRUE,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    options TEXT NOT NULL DEFAULT '[]',
    accesstype TEXT NOT NULL DEFAULT 'personal',
    UNIQUE (number, context)
);
CREATE INDEX voicemails_tenant ON voicemails (tenant_uuid);
CREATE INDEX voicemails_context ON voicemails (context);
CREATE UNIQUE INDEX voicemails_one_global_per_context ON voicemails (context) WHERE accesstype = 'global';
