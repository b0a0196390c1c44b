-- A user's voicemail box; several users may share one.
ALTER TABLE users ADD COLUMN voicemail_id BIGINT REFERENCES voicemails (id) ON DELETE SET NULL;
CREATE INDEX users_voicemail ON users (voicemail_id);
