-- The change clock (0012) also moves with an event's rules and van and
-- with sign-up slots and claims: pages keep these rows in memory while the
-- clock stands still (services::page_reads), as feeds keep what they are
-- written from.
CREATE CONSTRAINT TRIGGER event_rules_clock AFTER INSERT OR UPDATE OR DELETE ON event_rules
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
CREATE CONSTRAINT TRIGGER event_transport_clock AFTER INSERT OR UPDATE OR DELETE ON event_transport
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
CREATE CONSTRAINT TRIGGER signup_slots_clock AFTER INSERT OR UPDATE OR DELETE ON signup_slots
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
CREATE CONSTRAINT TRIGGER signup_claims_clock AFTER INSERT OR UPDATE OR DELETE ON signup_claims
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tick_change_clock();
