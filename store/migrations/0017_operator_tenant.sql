-- The operator tenant: the first top-level tenant, the PBX owner's, which
-- may change what concerns every tenant (registrars, SIP transports, ...).
ALTER TABLE infos ADD COLUMN operator_tenant_uuid TEXT
