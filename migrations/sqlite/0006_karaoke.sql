-- The karaoke song queue of an occurrence.

-- One row per occurrence with a queue: the row every queue change locks
-- (BEGIN IMMEDIATE on SQLite), and a version the screen in the room polls.
CREATE TABLE karaoke_queues (
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence_key  TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, occurrence_key)
);

CREATE TABLE karaoke_songs (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence_key  TEXT NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    title           TEXT NOT NULL,
    artist          TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'singing', 'sung', 'skipped')),
    -- Queued: place in line (1 is next). Singing: 0. Sung or skipped: the
    -- order they finished in.
    position        INTEGER NOT NULL,
    added_by        INTEGER REFERENCES people (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE INDEX karaoke_songs_queue ON karaoke_songs (event_id, occurrence_key, state, position);
CREATE INDEX karaoke_songs_person ON karaoke_songs (person_id);
-- Only one song is being sung at a time.
CREATE UNIQUE INDEX karaoke_songs_one_singing ON karaoke_songs (event_id, occurrence_key)
    WHERE state = 'singing';
