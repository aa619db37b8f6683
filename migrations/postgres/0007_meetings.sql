-- 12-step meetings: the outside panel that brings an on-site meeting in.
-- The group and the members' first names are shown to everyone who sees
-- the event; the contact columns are for staff only and are never read by
-- client-facing code or the feeds. One row per event; no row, no panel.
CREATE TABLE meeting_panels (
    event_id       BIGINT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    group_name     TEXT NOT NULL DEFAULT '',
    -- First names only, one per line, in the order given.
    members        TEXT NOT NULL DEFAULT '',
    contact_phone  TEXT NOT NULL DEFAULT '',
    contact_email  TEXT NOT NULL DEFAULT '',
    contact_notes  TEXT NOT NULL DEFAULT '',
    updated_by     BIGINT REFERENCES people (id),
    updated_at     TIMESTAMPTZ NOT NULL
);


-- Meetings a Meeting Guide import cancelled because they were no longer in
-- the feed (or no longer meet in person). A meeting that comes back is
-- restored only if the import cancelled it; one staff cancelled stays so.
CREATE TABLE import_cancellations (
    event_id      BIGINT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    cancelled_at  TIMESTAMPTZ NOT NULL
);
