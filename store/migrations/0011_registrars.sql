-- SIP registrars (wazo keeps them as provd "registrar" configs): the
-- addresses phones are provisioned with. Global, addressed by a string id.
-- Lines name theirs in lines.registrar (no foreign key: the lines table
-- predates this one; the code checks the reference and refuses to delete a
-- registrar a line uses).
CREATE TABLE registrars (
    id TEXT PRIMARY KEY,
    deletable BOOLEAN NOT NULL DEFAULT TRUE,
    name TEXT,
    main_host TEXT NOT NULL,
    main_port BIGINT,
    backup_host TEXT,
    backup_port BIGINT,
    proxy_main_host TEXT NOT NULL,
    proxy_main_port BIGINT,
    proxy_backup_host TEXT,
    proxy_backup_port BIGINT,
    outbound_proxy_host TEXT,
    outbound_proxy_port BIGINT
);

-- The registrar every PBX has, as wazo's provd ships it.
INSERT INTO registrars (id, deletable, name, main_host, proxy_main_host)
VALUES ('default', FALSE, 'local', '127.0.0.1', '127.0.0.1');

CREATE INDEX lines_registrar ON lines (registrar);
