-- Call pickups: a name unique across tenants (as in wazo), and their users
-- on either side (category "interceptor" or "target").
CREATE TABLE call_pickups (
    id {{serial}},
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    enabled BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX call_pickups_tenant ON call_pickups (tenant_uuid);

CREATE TABLE call_pickup_users (
    call_pickup_id BIGINT NOT NULL REFERENCES call_pickups (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (call_pickup_id, category, user_id)
);
CREATE INDEX call_pickup_users_user ON call_pickup_users (user_id);
