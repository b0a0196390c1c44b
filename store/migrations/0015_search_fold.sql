-- confd_fold(text) folds case and Latin accents for searches (see fold.go);
-- SQLite has it from Go.
{{postgres}} CREATE OR REPLACE FUNCTION confd_fold(t TEXT) RETURNS TEXT AS $$ SELECT translate(t, '{{fold_from}}', '{{fold_to}}') $$ LANGUAGE SQL IMMUTABLE STRICT
