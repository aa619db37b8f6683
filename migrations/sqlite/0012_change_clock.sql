-- One number that moves whenever anything a calendar feed is written from
-- changes (the facility, people, events, their changed dates, RSVPs, feed
-- links). Every process keeps its feeds in memory and reads this one row
-- before serving one: unchanged, the copy in memory is current; moved, the
-- feed's own fingerprint decides whether it is written again. Triggers, so
-- that no write path (pages, API, CLI, imports, the stay job, another
-- process) can forget it. A feed link's last use is not a change.
CREATE TABLE change_clock (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO change_clock (id, version) VALUES (1, 0);
CREATE TRIGGER facilities_insert_clock AFTER INSERT ON facilities
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER facilities_update_clock AFTER UPDATE ON facilities
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER facilities_delete_clock AFTER DELETE ON facilities
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER people_insert_clock AFTER INSERT ON people
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER people_update_clock AFTER UPDATE ON people
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER people_delete_clock AFTER DELETE ON people
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_insert_clock AFTER INSERT ON events
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_update_clock AFTER UPDATE ON events
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_delete_clock AFTER DELETE ON events
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER occurrence_changes_insert_clock AFTER INSERT ON occurrence_changes
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER occurrence_changes_update_clock AFTER UPDATE ON occurrence_changes
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER occurrence_changes_delete_clock AFTER DELETE ON occurrence_changes
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER rsvps_insert_clock AFTER INSERT ON rsvps
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER rsvps_update_clock AFTER UPDATE ON rsvps
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER rsvps_delete_clock AFTER DELETE ON rsvps
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER feed_tokens_insert_clock AFTER INSERT ON feed_tokens
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER feed_tokens_update_clock AFTER UPDATE OF person_id, token_hash, revoked_at ON feed_tokens
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER feed_tokens_delete_clock AFTER DELETE ON feed_tokens
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
