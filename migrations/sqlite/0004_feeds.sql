-- iCal feeds: personal feed tokens, feed preferences, public feed settings,
-- feed versions for conditional requests, and imported events' UIDs.

-- A person's secret feed URL. Only the SHA-256 of the token is stored. A
-- revoked token (rotation, revocation, discharge) serves an empty calendar
-- for a grace period so subscribed phones drop the events, then 404.
CREATE TABLE feed_tokens (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    created_by    INTEGER REFERENCES people (id),
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
);
CREATE INDEX feed_tokens_by_person ON feed_tokens (person_id);

-- Discreet mode (neutral titles, no place or description) and the reminder
-- a person chose for their feed (minutes before; NULL for none).
ALTER TABLE people ADD COLUMN feed_discreet INTEGER NOT NULL DEFAULT 0 CHECK (feed_discreet IN (0, 1));
ALTER TABLE people ADD COLUMN feed_alarm_minutes INTEGER CHECK (feed_alarm_minutes IS NULL OR feed_alarm_minutes BETWEEN 0 AND 10080);

-- The facility feeds (/calendar.ics, /calendar/{kind}.ics) can be turned
-- off; 12-step meetings are left out of them unless the admin opts in.
ALTER TABLE facilities ADD COLUMN public_feeds INTEGER NOT NULL DEFAULT 1 CHECK (public_feeds IN (0, 1));
ALTER TABLE facilities ADD COLUMN public_feeds_twelve_step INTEGER NOT NULL DEFAULT 0 CHECK (public_feeds_twelve_step IN (0, 1));

-- What each feed looked like when last served: a fingerprint of what it
-- is made of (so a conditional request is answered without writing the
-- feed), its strong ETag and when that last changed (its Last-Modified).
CREATE TABLE feed_versions (
    feed         TEXT PRIMARY KEY,
    fingerprint  TEXT NOT NULL,
    etag         TEXT NOT NULL,
    modified_at  TEXT NOT NULL
);

-- Events brought in from an .ics file: the source's UID (and
-- RECURRENCE-ID-free master) so re-importing updates instead of duplicating.
ALTER TABLE events ADD COLUMN import_uid TEXT;
CREATE UNIQUE INDEX events_by_import_uid ON events (facility_id, import_uid) WHERE import_uid IS NOT NULL;
