-- The notified ledger (DESIGN.md §7): durable truth, not a projection of ESI. A job is
-- notified once, ever; the row is forgotten when the job is no longer active on its
-- owner's board (delivered, cancelled, gone).
CREATE TABLE notified_jobs (
    job_id      INTEGER PRIMARY KEY NOT NULL,
    owner_kind  TEXT NOT NULL CHECK (owner_kind IN ('character', 'corporation')),
    owner_id    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    -- Unix epoch milliseconds; NULL when the job was passed over silently (its kind of
    -- notification was off) so that turning it on later does not bring up old news.
    notified_at INTEGER
) STRICT;

-- Skill-queue alerts: once per queue end time and kind ('empty', 'ending').
CREATE TABLE notified_queues (
    character_id INTEGER NOT NULL
                 REFERENCES characters (character_id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('empty', 'ending')),
    -- The queue end time alerted about (0: the queue was already empty when read).
    queue_end_at INTEGER NOT NULL,
    notified_at  INTEGER,
    PRIMARY KEY (character_id, kind)
) STRICT;
