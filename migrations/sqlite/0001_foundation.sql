-- Foundation: facilities, people, sign-in, API tokens and one-off events.
-- Instants are stored as RFC 3339 UTC text with whole seconds
-- ("2026-03-14T19:00:00+00:00"), so text order is time order.
-- Wall-clock times are "YYYY-MM-DD HH:MM:SS" in the row's IANA time zone.

CREATE TABLE facilities (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    timezone    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    facility_id    INTEGER NOT NULL REFERENCES facilities (id),
    role           TEXT NOT NULL CHECK (role IN ('admin', 'recreation_staff', 'staff', 'client')),
    display_name   TEXT NOT NULL,
    -- Normalized (trimmed, lower case); clients may have none.
    email          TEXT UNIQUE,
    -- argon2id PHC string; NULL for people who cannot sign in with a password.
    password_hash  TEXT,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discharged')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX people_by_facility ON people (facility_id, role);

-- Server-side sessions; the cookie carries a random secret, this table only
-- its SHA-256.
CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_by_person ON sessions (person_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    label         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
);
CREATE INDEX api_tokens_by_person ON api_tokens (person_id);

-- Failed sign-in attempts, for rate limiting per account and per address.
CREATE TABLE login_failures (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    address       TEXT NOT NULL,
    attempted_at  TEXT NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email, attempted_at);
CREATE INDEX login_failures_by_address ON login_failures (address, attempted_at);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    facility_id  INTEGER NOT NULL REFERENCES facilities (id),
    kind         TEXT NOT NULL CHECK (kind IN ('karaoke', 'potluck', 'twelve_step', 'holiday', 'outing', 'recreation', 'other')),
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description  TEXT NOT NULL DEFAULT '',
    location     TEXT NOT NULL DEFAULT '',
    timezone     TEXT NOT NULL,
    all_day      INTEGER NOT NULL CHECK (all_day IN (0, 1)),
    -- Wall-clock span; for all-day events midnight of the first day to the
    -- (exclusive) midnight after the last.
    start_local  TEXT NOT NULL,
    end_local    TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    sequence     INTEGER NOT NULL DEFAULT 0,
    created_by   INTEGER REFERENCES people (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX events_by_window ON events (facility_id, starts_at);
