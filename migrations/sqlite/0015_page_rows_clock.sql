-- The change clock (0012) also moves with an event's rules and van and
-- with sign-up slots and claims: pages keep these rows in memory while the
-- clock stands still (services::page_reads), as feeds keep what they are
-- written from.
CREATE TRIGGER event_rules_insert_clock AFTER INSERT ON event_rules
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER event_rules_update_clock AFTER UPDATE ON event_rules
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER event_rules_delete_clock AFTER DELETE ON event_rules
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER event_transport_insert_clock AFTER INSERT ON event_transport
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER event_transport_update_clock AFTER UPDATE ON event_transport
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER event_transport_delete_clock AFTER DELETE ON event_transport
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER signup_slots_insert_clock AFTER INSERT ON signup_slots
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER signup_slots_update_clock AFTER UPDATE ON signup_slots
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER signup_slots_delete_clock AFTER DELETE ON signup_slots
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER signup_claims_insert_clock AFTER INSERT ON signup_claims
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER signup_claims_update_clock AFTER UPDATE ON signup_claims
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER signup_claims_delete_clock AFTER DELETE ON signup_claims
BEGIN UPDATE change_clock SET version = version + 1 WHERE id = 1; END;
