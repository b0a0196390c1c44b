-- The operator tenant is no longer the first top-level tenant, recorded
-- here at its creation: confd.Config.OperatorTenant (CONFD_OPERATOR_TENANT)
-- names it, so that no tenant gains rights from the order it was created in.
ALTER TABLE infos DROP COLUMN operator_tenant_uuid;
