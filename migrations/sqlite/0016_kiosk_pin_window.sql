-- Wrong kiosk PINs are counted in a window from the first wrong one
-- (services::auth::KIOSK_PIN_WINDOW); a right PIN no longer starts the
-- count over, so a client who knows their own PIN cannot guess others'
-- between their own sign-ins.
ALTER TABLE kiosk_devices ADD COLUMN failed_since TEXT;
