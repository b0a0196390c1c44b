-- Ring groups, their members (users and free extensions, each with a
-- priority), and the extension that calls a group.
CREATE TABLE groups (
    id {{serial}},
    uuid TEXT NOT NULL UNIQUE,
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    name TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    preprocess_subroutine TEXT,
    ring_strategy TEXT NOT NULL DEFAULT 'all',
    caller_id_mode TEXT,
    caller_id_name TEXT,
    dtmf_record_toggle BOOLEAN NOT NULL DEFAULT FALSE,
    timeout INTEGER,
    user_timeout INTEGER,
    retry_delay INTEGER,
    music_on_hold TEXT,
    ring_in_use BOOLEAN NOT NULL DEFAULT TRUE,
    mark_answered_elsewhere BOOLEAN NOT NULL DEFAULT FALSE,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    ignore_forward BOOLEAN NOT NULL DEFAULT FALSE,
    max_calls INTEGER
);
CREATE INDEX groups_tenant ON groups (tenant_uuid);
CREATE INDEX groups_label ON groups (label);

CREATE TABLE group_member_users (
    group_id BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    priority INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_users_user ON group_member_users (user_id);

CREATE TABLE group_member_extensions (
    group_id BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    exten TEXT NOT NULL,
    context TEXT NOT NULL,
    priority INTEGER NOT NULL,
    PRIMARY KEY (group_id, exten, context)
);

-- One extension per group and one group per extension.
CREATE TABLE group_extensions (
    group_id BIGINT PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    extension_id BIGINT NOT NULL UNIQUE REFERENCES extensions (id) ON DELETE RESTRICT
);
