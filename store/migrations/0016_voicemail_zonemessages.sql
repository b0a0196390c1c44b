-- Voicemail zone messages: how a voicemail announces the time a message
-- was received, per named timezone; a voicemail's timezone names one.
CREATE TABLE voicemail_zonemessages (
    position INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    timezone TEXT NOT NULL,
    message TEXT
);
INSERT INTO voicemail_zonemessages (position, name, timezone, message) VALUES
    (1, 'eu-fr', 'Europe/Paris', '''vm-received'' q ''digits/at'' kM'),
    (2, 'us-eastern', 'America/New_York', '''vm-received'' Q ''digits/at'' IMp')
