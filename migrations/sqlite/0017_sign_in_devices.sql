-- Browsers a person has signed in from with their password ("device
-- cookies"): an attempt from one of them is counted on that browser's own
-- budget, not the account's, so someone guessing a staff member's password
-- from elsewhere cannot keep them out. Only the cookie's SHA-256 is kept.
CREATE TABLE sign_in_devices (
    token_hash    TEXT PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT NOT NULL
);
CREATE INDEX sign_in_devices_person ON sign_in_devices (person_id);
