-- Call permissions (wazo's rightcall): a name unique in its tenant, the
-- extensions it applies to (a JSON list of patterns) and the users it is
-- given to.
CREATE TABLE call_permissions (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    password TEXT,
    mode TEXT NOT NULL DEFAULT 'deny',
    extensions TEXT NOT NULL DEFAULT '[]',
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    description TEXT,
    UNIQUE (tenant_uuid, name)
);

CREATE TABLE user_call_permissions (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    call_permission_id BIGINT NOT NULL REFERENCES call_permissions (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, call_permission_id)
);
CREATE INDEX user_call_permissions_permission ON user_call_permissions (call_permission_id);
