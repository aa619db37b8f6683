-- People, RSVPs and attendance: client accounts, kiosk devices, RSVPs per
-- occurrence with a seat counter, attendance, the audit log, retention.

-- Clients: what other clients see is display_name ("Maria G."); a login
-- name for those without e-mail; the stay; an optional kiosk PIN.
ALTER TABLE people ADD COLUMN login TEXT;
CREATE UNIQUE INDEX people_by_login ON people (login) WHERE login IS NOT NULL;
ALTER TABLE people ADD COLUMN house TEXT;
ALTER TABLE people ADD COLUMN admission_date TEXT;
ALTER TABLE people ADD COLUMN expected_discharge_date TEXT;
ALTER TABLE people ADD COLUMN discharged_at TEXT;
-- Set when the retention window passed and identifying data was removed.
ALTER TABLE people ADD COLUMN purged_at TEXT;
ALTER TABLE people ADD COLUMN pin_hash TEXT;

-- Tablets staff enrolled as kiosks (the device keeps a secret cookie).
CREATE TABLE kiosk_devices (
    id           INTEGER PRIMARY KEY,
    facility_id  INTEGER NOT NULL REFERENCES facilities (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    enrolled_by  INTEGER REFERENCES people (id),
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);

-- Kiosk sessions end after a short idle time.
ALTER TABLE sessions ADD COLUMN kiosk_device_id INTEGER REFERENCES kiosk_devices (id) ON DELETE CASCADE;

-- How many guests one RSVP may bring (0: none), and whether clients may
-- see who is coming (never for 12-step meetings).
ALTER TABLE events ADD COLUMN max_guests INTEGER NOT NULL DEFAULT 0 CHECK (max_guests >= 0);
ALTER TABLE events ADD COLUMN show_names INTEGER NOT NULL DEFAULT 0 CHECK (show_names IN (0, 1));

-- One row per occurrence with RSVPs: the seats taken, never more than the
-- capacity (the CHECK is the last line of defence against overselling), and
-- the arrival counter that orders the waitlist.
CREATE TABLE occurrence_seats (
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence_key  TEXT NOT NULL,
    capacity        INTEGER,
    seats_taken     INTEGER NOT NULL DEFAULT 0,
    next_seq        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (event_id, occurrence_key),
    CHECK (seats_taken >= 0),
    CHECK (capacity IS NULL OR seats_taken <= capacity)
);

CREATE TABLE rsvps (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence_key  TEXT NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    response        TEXT NOT NULL CHECK (response IN ('going', 'maybe', 'not_going')),
    state           TEXT NOT NULL CHECK (state IN ('going', 'waitlisted', 'maybe', 'not_going')),
    guests          INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0),
    -- Arrival order on the waitlist.
    seq             INTEGER NOT NULL,
    responded_by    INTEGER REFERENCES people (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (event_id, occurrence_key, person_id)
);
CREATE INDEX rsvps_by_person ON rsvps (person_id, occurrence_key);
CREATE INDEX rsvps_by_occurrence ON rsvps (event_id, occurrence_key, state, seq);

CREATE TABLE attendance (
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence_key  TEXT NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    code            TEXT NOT NULL CHECK (code IN ('attended', 'left_early', 'refused', 'unavailable', 'no_show')),
    recorded_by     INTEGER REFERENCES people (id),
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (event_id, occurrence_key, person_id)
);
CREATE INDEX attendance_by_person ON attendance (person_id, occurrence_key);

-- Who looked at or exported rosters and reports, and when.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    facility_id  INTEGER NOT NULL REFERENCES facilities (id),
    actor_id     INTEGER REFERENCES people (id),
    action       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (facility_id, at);

-- Days after discharge until a client's identifying data is removed.
ALTER TABLE facilities ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90 CHECK (retention_days >= 0);
-- Seconds of inactivity after which a kiosk signs its client out.
ALTER TABLE facilities ADD COLUMN kiosk_idle_seconds INTEGER NOT NULL DEFAULT 60 CHECK (kiosk_idle_seconds > 0);
