-- Devices (phones, gateways) kept by confd itself when no provisioning
-- server is used, with the catalog of provisioning plugins and device
-- templates they may name.
CREATE TABLE device_plugins (
    name TEXT PRIMARY KEY,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE device_templates (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL DEFAULT ''
);

-- wazo-provd's two built-in plugins, which provision nothing, and its
-- default device template.
INSERT INTO device_plugins (name, description) VALUES
    ('null', 'Offers no configuration service and rejects TFTP/HTTP requests.'),
    ('zero', 'Offers no configuration service and serves static TFTP/HTTP files.');
INSERT INTO device_templates (id, label) VALUES ('defaultconfigdevice', 'Default config device');

CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    tenant_uuid TEXT NOT NULL REFERENCES tenants (uuid) ON DELETE RESTRICT,
    ip TEXT,
    mac TEXT UNIQUE,
    sn TEXT,
    plugin TEXT,
    vendor TEXT,
    model TEXT,
    version TEXT,
    description TEXT,
    template_id TEXT REFERENCES device_templates (id) ON DELETE SET NULL,
    options TEXT,
    config TEXT
);
CREATE INDEX devices_tenant ON devices (tenant_uuid);
CREATE INDEX devices_ip ON devices (ip);
