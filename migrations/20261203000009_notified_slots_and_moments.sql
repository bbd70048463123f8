-- The idle-slot ledger (docs/design.md §7): per character and kind of industry slot,
-- the latest moment a job of that kind was seen to end (kept after the job is delivered
-- and leaves its board), and whether that idle spell has been dealt with: announced, or
-- passed over silently while the notification was off.
CREATE TABLE notified_slots (
    character_id INTEGER NOT NULL
                 REFERENCES characters (character_id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('manufacturing', 'science', 'reactions')),
    -- Unix epoch milliseconds.
    freed_at     INTEGER NOT NULL,
    settled      INTEGER NOT NULL DEFAULT 0 CHECK (settled IN (0, 1)),
    -- NULL unless announced.
    notified_at  INTEGER,
    PRIMARY KEY (character_id, kind)
) STRICT;

-- Moments announced once each (docs/design.md §7): per character and kind (a clone jump
-- available), the moment announced, or passed over while its notification was off.
CREATE TABLE notified_moments (
    character_id INTEGER NOT NULL
                 REFERENCES characters (character_id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
    -- Unix epoch milliseconds.
    at           INTEGER NOT NULL,
    -- NULL when passed over silently.
    notified_at  INTEGER,
    PRIMARY KEY (character_id, kind)
) STRICT;
