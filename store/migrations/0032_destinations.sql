-- Destinations (where a call goes) of incalls, fallbacks, schedules, ...:
-- one row per owner and event, the destination kept as JSON in body. The
-- target, when it is stored here, is also a foreign key: deleting it
-- deletes the row, and the owner falls back (an incall to "none", a
-- fallback to null), as wazo deletes the dialactions of a deleted target.
CREATE TABLE destinations (
    owner TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    event TEXT NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    group_id BIGINT REFERENCES groups (id) ON DELETE CASCADE,
    voicemail_id BIGINT REFERENCES voicemails (id) ON DELETE CASCADE,
    PRIMARY KEY (owner, owner_id, event)
);
CREATE INDEX destinations_user ON destinations (user_id);
CREATE INDEX destinations_group ON destinations (group_id);
CREATE INDEX destinations_voicemail ON destinations (voicemail_id);
