-- The slow boards (DESIGN.md §1, §5): one row per (owner, slice) holding what the user
-- sees (canonical JSON, read whole) and its sync state. A regenerable projection of ESI.
CREATE TABLE boards (
    owner_kind        TEXT    NOT NULL CHECK (owner_kind IN ('character', 'corporation')),
    owner_id          INTEGER NOT NULL,
    -- skills, skillqueue, character_jobs, corporation_jobs, roles
    slice             TEXT    NOT NULL,
    -- NULL until the first successful read.
    body              TEXT,
    etag              TEXT,
    -- Unix epoch milliseconds of the last 2xx or 304, and until when ESI's cache holds.
    last_refreshed_at INTEGER,
    expires_at        INTEGER,
    -- Why no request is made for this owner: a missing scope, no role-holder, a sign-in
    -- EVE no longer accepts.
    gate_state        TEXT    NOT NULL DEFAULT 'ok'
                      CHECK (gate_state IN ('ok', 'missing_scope', 'needs_role', 'reauth_required')),
    error_code        TEXT,
    error_message     TEXT,
    error_at          INTEGER,
    -- The run in progress (NULL: none); older than a few minutes counts as dead.
    run_started_at    INTEGER,
    -- Bumped by every run; a run writes only if it is still the newest.
    run_generation    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_kind, owner_id, slice)
) STRICT;

-- Unlinking a character removes its boards, and a corporation's boards once no linked
-- character is in it.
CREATE TRIGGER characters_delete_boards AFTER DELETE ON characters
BEGIN
    DELETE FROM boards WHERE owner_kind = 'character' AND owner_id = OLD.character_id;
    DELETE FROM boards
     WHERE owner_kind = 'corporation' AND owner_id = OLD.corporation_id
       AND NOT EXISTS (SELECT 1 FROM characters WHERE corporation_id = OLD.corporation_id);
END;
