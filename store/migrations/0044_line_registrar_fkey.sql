-- (Dropped by migration 45.) On PostgreSQL the registrar of a line is a foreign key: a new line's
-- registrar is checked (and held against deletion) by its insert, without
-- a read first. NOT VALID: existing lines were checked by confd already.
-- SQLite cannot add a constraint to a table; confd checks there.
{{postgres}}ALTER TABLE lines ADD CONSTRAINT lines_registrar_fkey FOREIGN KEY (registrar) REFERENCES registrars (id) NOT VALID;
