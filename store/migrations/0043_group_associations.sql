-- The groups a call permission is given to, and the groups on either side
-- of a call pickup.
CREATE TABLE group_call_permissions (
    group_id BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    call_permission_id BIGINT NOT NULL REFERENCES call_permissions (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, call_permission_id)
);
CREATE INDEX group_call_permissions_permission ON group_call_permissions (call_permission_id);

CREATE TABLE call_pickup_groups (
    call_pickup_id BIGINT NOT NULL REFERENCES call_pickups (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    group_id BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    PRIMARY KEY (call_pickup_id, category, group_id)
);
CREATE INDEX call_pickup_groups_group ON call_pickup_groups (group_id);
