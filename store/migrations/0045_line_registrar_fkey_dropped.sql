-- Migration 44's foreign key is dropped again: a line's registrar is read
-- before its endpoint is created, so that a body with several errors is
-- answered as wazo does, on both engines alike (see prepareLine).
{{postgres}}ALTER TABLE lines DROP CONSTRAINT IF EXISTS lines_registrar_fkey;
