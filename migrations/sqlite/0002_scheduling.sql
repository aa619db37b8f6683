-- Scheduling: recurring series, per-kind details, audience, capacity,
-- changes to single occurrences, templates, the facility's board setting.

ALTER TABLE events ADD COLUMN venue TEXT NOT NULL DEFAULT 'on_site' CHECK (venue IN ('on_site', 'off_site'));
ALTER TABLE events ADD COLUMN audience TEXT NOT NULL DEFAULT 'everyone' CHECK (audience IN ('everyone', 'staff', 'clients'));
ALTER TABLE events ADD COLUMN host_id INTEGER REFERENCES people (id);
ALTER TABLE events ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity > 0);
ALTER TABLE events ADD COLUMN rsvp_closes_minutes INTEGER CHECK (rsvp_closes_minutes IS NULL OR rsvp_closes_minutes >= 0);
-- 12-step meetings: fellowship and Meeting Guide type codes (comma-separated).
ALTER TABLE events ADD COLUMN fellowship TEXT CHECK (fellowship IS NULL OR fellowship IN ('aa', 'na', 'ca', 'cma', 'al_anon', 'other'));
ALTER TABLE events ADD COLUMN meeting_types TEXT NOT NULL DEFAULT '';
-- RFC 5545 RRULE value; NULL for one-off events. starts_at/ends_at are the
-- first occurrence; series_ends_at the end of the last (NULL: never ends).
ALTER TABLE events ADD COLUMN rrule TEXT;
ALTER TABLE events ADD COLUMN series_ends_at TEXT;
ALTER TABLE events ADD COLUMN split_from_id INTEGER REFERENCES events (id);

UPDATE events SET series_ends_at = ends_at;
CREATE INDEX events_by_series_end ON events (facility_id, series_ends_at);

-- Changes to single occurrences of a series, keyed by the occurrence's
-- original start (UTC), like an iCalendar RECURRENCE-ID.
CREATE TABLE occurrence_changes (
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    original_start  TEXT NOT NULL,
    change          TEXT NOT NULL CHECK (change IN ('skipped', 'cancelled', 'changed')),
    -- New times when moved (all four or none).
    all_day         INTEGER CHECK (all_day IN (0, 1)),
    start_local     TEXT,
    end_local       TEXT,
    starts_at       TEXT,
    ends_at         TEXT,
    title           TEXT CHECK (title IS NULL OR length(title) BETWEEN 1 AND 200),
    location        TEXT,
    description     TEXT,
    sequence        INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (event_id, original_start)
);

CREATE TABLE event_templates (
    id           INTEGER PRIMARY KEY,
    facility_id  INTEGER NOT NULL REFERENCES facilities (id),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- The event form's fields as JSON (domain::event::EventForm).
    fields       TEXT NOT NULL,
    created_by   INTEGER REFERENCES people (id),
    created_at   TEXT NOT NULL,
    UNIQUE (facility_id, name)
);

-- The "today" board can be shown without signing in when the admin allows.
ALTER TABLE facilities ADD COLUMN public_board INTEGER NOT NULL DEFAULT 0 CHECK (public_board IN (0, 1));
