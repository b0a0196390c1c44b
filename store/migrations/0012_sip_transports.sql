-- SIP (PJSIP) transports: a named transport section and its options, a JSON
-- list of [key, value] pairs. Global. endpoints_sip.transport_uuid names
-- one (no foreign key: that table predates this one; the code checks the
-- reference and refuses, or redirects, the deletion of a used transport).
CREATE TABLE sip_transports (
    uuid TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    options TEXT NOT NULL DEFAULT '[]'
);

-- The transports wazo's database is populated with (xivo-manage-db); the
-- generated global and webrtc SIP templates of each tenant use them.
INSERT INTO sip_transports (uuid, name, options) VALUES
    ('9030ee4c-6186-4952-a125-bbb15ce257b7', 'transport-udp', '[["protocol","udp"],["bind","0.0.0.0:5060"]]'),
    ('24c9d061-a929-4df1-a2c7-53cd4ccd6003', 'transport-wss', '[["protocol","wss"],["bind","0.0.0.0:5060"]]');

CREATE INDEX endpoints_sip_transport ON endpoints_sip (transport_uuid);

-- Templates generated before transports existed get theirs, as if
-- generated now.
UPDATE endpoints_sip SET transport_uuid = '9030ee4c-6186-4952-a125-bbb15ce257b7'
WHERE transport_uuid IS NULL AND uuid IN (SELECT global_sip_template_uuid FROM tenants);
UPDATE endpoints_sip SET transport_uuid = '24c9d061-a929-4df1-a2c7-53cd4ccd6003'
WHERE transport_uuid IS NULL AND uuid IN (SELECT webrtc_sip_template_uuid FROM tenants);
