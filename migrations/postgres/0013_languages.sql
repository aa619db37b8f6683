-- The language a person reads Hearth in. A person's own choice (NULL: the
-- browser's); a choice for one session only (the kiosk's language switch,
-- or anyone's switch while signed in: it ends with the session); and the
-- facility's language for its calendar feeds, printouts and anyone whose
-- browser names no language Hearth speaks. ISO 639 codes, as the folders
-- under app/locales.
ALTER TABLE people ADD COLUMN lang TEXT;
ALTER TABLE sessions ADD COLUMN lang TEXT;
ALTER TABLE facilities ADD COLUMN default_lang TEXT NOT NULL DEFAULT 'en';
