-- Transport for off-site events and who may come: a van with its own
-- seats (separate from the venue's capacity), a driver, departure and
-- return times and a pick-up point; eligibility rules; the staff ratio.

-- One van per event (every occurrence of a series uses the same plan).
-- Times are local wall-clock "HH:MM" on the occurrence's date.
CREATE TABLE event_transport (
    event_id      INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    van_seats     INTEGER NOT NULL CHECK (van_seats BETWEEN 1 AND 100),
    driver_id     INTEGER REFERENCES people (id),
    departs_at    TEXT,
    returns_at    TEXT,
    pickup_point  TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);

-- Optional rules per event: clients must have been admitted at least
-- min_days_admitted days before the date, and/or live in one of the houses
-- (a JSON array of names); one staff member for every clients_per_staff
-- clients going (a warning to staff, never a refusal).
CREATE TABLE event_rules (
    event_id           INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    min_days_admitted  INTEGER CHECK (min_days_admitted IS NULL OR min_days_admitted BETWEEN 1 AND 365),
    houses             TEXT NOT NULL DEFAULT '[]',
    clients_per_staff  INTEGER CHECK (clients_per_staff IS NULL OR clients_per_staff BETWEEN 1 AND 100),
    updated_at         TEXT NOT NULL
);
