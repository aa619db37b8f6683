-- Sign-in and PIN budgets (see domain::throttle): one row per account,
-- kiosk or address that has tried recently. An attempt is counted before
-- the password or PIN is checked, inside a write transaction, so attempts
-- made at once count one by one; a success deletes the row.
CREATE TABLE auth_throttle (
    key              TEXT PRIMARY KEY,
    failures         INTEGER NOT NULL CHECK (failures >= 0),
    next_allowed_at  TEXT NOT NULL,
    last_attempt_at  TEXT NOT NULL
);
CREATE INDEX auth_throttle_by_age ON auth_throttle (last_attempt_at);

-- Replaced by auth_throttle.
DROP TABLE login_failures;
