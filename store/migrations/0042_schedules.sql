-- Schedules: periods kept as JSON; the closed destination and those of
-- the exceptional periods live in destinations (owner "schedule"). A user,
-- group or incall has at most one schedule.
CREATE TABLE schedules (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    name TEXT,
    timezone TEXT,
    open_periods TEXT NOT NULL DEFAULT '[]',
    exceptional_periods TEXT NOT NULL DEFAULT '[]',
    enabled BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX schedules_tenant ON schedules (tenant_uuid);

CREATE TABLE user_schedules (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    schedule_id BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE
);
CREATE INDEX user_schedules_schedule ON user_schedules (schedule_id);

CREATE TABLE group_schedules (
    group_id BIGINT PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    schedule_id BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE
);
CREATE INDEX group_schedules_schedule ON group_schedules (schedule_id);

CREATE TABLE incall_schedules (
    incall_id BIGINT PRIMARY KEY REFERENCES incalls (id) ON DELETE CASCADE,
    schedule_id BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE
);
CREATE INDEX incall_schedules_schedule ON incall_schedules (schedule_id);
