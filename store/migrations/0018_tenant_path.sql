-- Each tenant's path: the uuids from the top of its tree down to it, joined
-- by '/'. Tenants never move, so it is written once, with the tenant, and a
-- tenant's ancestors and descendants are read without recursion.
ALTER TABLE tenants ADD COLUMN path TEXT;

WITH RECURSIVE tree(uuid, path) AS (
    SELECT uuid, uuid FROM tenants WHERE parent_uuid IS NULL OR parent_uuid = uuid
    UNION ALL
    SELECT c.uuid, tree.path || '/' || c.uuid FROM tenants AS c JOIN tree ON c.parent_uuid = tree.uuid AND c.uuid <> tree.uuid
)
UPDATE tenants SET path = (SELECT tree.path FROM tree WHERE tree.uuid = tenants.uuid);

CREATE INDEX tenants_path ON tenants (path);
