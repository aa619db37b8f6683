-- Sign-up slots per occurrence (keyed like RSVPs): potluck dishes and
-- volunteer tasks. A slot wants `quantity` claims; `claimed` counts them,
-- and its CHECK is the last line of defence against over-claiming.
CREATE TABLE signup_slots (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence_key  TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('dish', 'task')),
    category        TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity >= 1),
    claimed         INTEGER NOT NULL DEFAULT 0,
    notes           TEXT NOT NULL DEFAULT '',
    created_by      INTEGER REFERENCES people (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (claimed >= 0),
    CHECK (claimed <= quantity)
);
CREATE INDEX signup_slots_by_occurrence ON signup_slots (event_id, occurrence_key);

-- One claim takes one unit of a slot; a person claims a slot at most once.
-- The occurrence is repeated here so releasing a person's claims needs no
-- join. `dish` is empty for tasks; `allergens` is a comma-separated list
-- of tags (nuts, gluten, dairy, eggs, shellfish, soy, vegetarian, vegan).
CREATE TABLE signup_claims (
    id              INTEGER PRIMARY KEY,
    slot_id         INTEGER NOT NULL REFERENCES signup_slots (id) ON DELETE CASCADE,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence_key  TEXT NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    dish            TEXT NOT NULL DEFAULT '',
    allergens       TEXT NOT NULL DEFAULT '',
    claimed_by      INTEGER REFERENCES people (id),
    created_at      TEXT NOT NULL,
    UNIQUE (slot_id, person_id)
);
CREATE INDEX signup_claims_by_person ON signup_claims (person_id, event_id, occurrence_key);

-- The facility's kind refusal of dishes made with alcohol (admins edit it).
ALTER TABLE facilities ADD COLUMN alcohol_refusal TEXT NOT NULL DEFAULT 'Thank you for offering! Our house is alcohol-free, so dishes made with alcohol — even cooked off — can''t come to the potluck. Could you bring something else?';
