-- One number that moves whenever anything a calendar feed is written from
-- changes (the facility, people, events, their changed dates, RSVPs, feed
-- links). Every process keeps its feeds in memory and reads this one row
-- before serving one: unchanged, the copy in memory is current; moved, the
-- feed's own fingerprint decides whether it is written again. Triggers, so
-- that no write path (pages, API, CLI, imports, the stay job, another
-- process) can forget it. A feed link's last use is not a change.
CREATE TABLE change_clock (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO change_clock (id, version) VALUES (1, 0);

-- Deferred to the commit, once per transaction: the clock's row lock is
-- the last lock any transaction takes, so it cannot join a deadlock, and
-- it is held only while committing.
CREATE FUNCTION tick_change_clock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('hearth.clock_ticked', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('hearth.clock_ticked', '1', true);
        UPDATE change_clock SET version = version + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER facilities_clock AFTER INSERT OR UPDATE OR DELETE ON facilities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
CREATE CONSTRAINT TRIGGER people_clock AFTER INSERT OR UPDATE OR DELETE ON people
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
CREATE CONSTRAINT TRIGGER events_clock AFTER INSERT OR UPDATE OR DELETE ON events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
CREATE CONSTRAINT TRIGGER occurrence_changes_clock AFTER INSERT OR UPDATE OR DELETE ON occurrence_changes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
CREATE CONSTRAINT TRIGGER rsvps_clock AFTER INSERT OR UPDATE OR DELETE ON rsvps
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
CREATE CONSTRAINT TRIGGER feed_tokens_clock
    AFTER INSERT OR DELETE OR UPDATE OF person_id, token_hash, revoked_at ON feed_tokens
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
