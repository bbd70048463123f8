-- Ids ESI could not name: `POST /universe/names` answers 404 for a whole batch when one
-- id in it is unknown (a character created within the hour, a deleted one), and every
-- 404 counts against ESI's error limit. Such an id is not asked for again before
-- `retry_at`; each failure waits longer (docs/design.md §8).
CREATE TABLE unnamed_ids (
    id       INTEGER PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL CHECK (failures > 0),
    retry_at INTEGER NOT NULL
) STRICT;
