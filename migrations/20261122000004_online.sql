-- Online status (DESIGN.md §6): one row per character, written only when ESI sends a new
-- body; a 304 or an error writes nothing. No per-cycle bookkeeping.
CREATE TABLE character_online (
    character_id INTEGER PRIMARY KEY NOT NULL
                 REFERENCES characters (character_id) ON DELETE CASCADE,
    online       INTEGER NOT NULL CHECK (online IN (0, 1)),
    -- Unix epoch milliseconds, for display.
    last_login   INTEGER,
    last_logout  INTEGER,
    etag         TEXT,
    -- When this row was last written (the age of the data when polling is cold).
    changed_at   INTEGER NOT NULL
) STRICT;
