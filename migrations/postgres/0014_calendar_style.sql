-- How a facility writes times of day (`12h`: "7:00 PM", "7:00 p. m.";
-- `24h`: "19:00") and the day its weeks start on in the week view and the
-- month grids (`sunday`, `monday` or `saturday`). Existing facilities keep
-- what Hearth showed before: 12-hour times, Sunday weeks.
ALTER TABLE facilities ADD COLUMN clock TEXT NOT NULL DEFAULT '12h';
ALTER TABLE facilities ADD COLUMN first_day TEXT NOT NULL DEFAULT 'sunday';
