-- Sign-in and PIN budgets (see domain::throttle): one row per account,
-- kiosk or address that has tried recently. An attempt is counted before
-- the password or PIN is checked, under the row's lock, so attempts made
-- at once count one by one; a success deletes the row.
CREATE TABLE auth_throttle (
    key              TEXT PRIMARY KEY,
    failures         BIGINT NOT NULL CHECK (failures >= 0),
    next_allowed_at  TIMESTAMPTZ NOT NULL,
    last_attempt_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX auth_throttle_by_age ON auth_throttle (last_attempt_at);

-- Replaced by auth_throttle.
DROP TABLE login_failures;
