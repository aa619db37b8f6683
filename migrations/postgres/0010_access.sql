-- Access that can be taken back (issue #11).

-- A disabled account signs in nowhere; its sessions, tokens, feed links and
-- kiosk sign-ins stop. A reset password must be changed at the next sign-in.
ALTER TABLE people ADD COLUMN disabled_at TIMESTAMPTZ;
ALTER TABLE people ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
-- PINs chosen before six digits were required (they may be four digits
-- long); staff see who still has one.
ALTER TABLE people ADD COLUMN pin_legacy BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE people SET pin_legacy = TRUE WHERE pin_hash IS NOT NULL;

-- Sessions end at the latest at ends_at, however busy; user_agent lets a
-- person tell their sessions apart.
ALTER TABLE sessions ADD COLUMN ends_at TIMESTAMPTZ;
UPDATE sessions SET ends_at = expires_at;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';

-- A tablet locks after too many wrong PINs, until staff unlock it.
ALTER TABLE kiosk_devices ADD COLUMN failed_pins BIGINT NOT NULL DEFAULT 0 CHECK (failed_pins >= 0);
ALTER TABLE kiosk_devices ADD COLUMN locked_at TIMESTAMPTZ;
ALTER TABLE kiosk_devices ADD COLUMN last_seen_at TIMESTAMPTZ;

-- A feed link just made is shown to the session that made it for ten
-- minutes ("person_id.token"); it goes with the session at sign-out.
ALTER TABLE sessions ADD COLUMN reveal TEXT;
ALTER TABLE sessions ADD COLUMN reveal_until TIMESTAMPTZ;
