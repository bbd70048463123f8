-- The linked characters: the durable truth of who the user has linked.
-- Refresh tokens are never stored here; they live in the OS keychain.
CREATE TABLE characters (
    character_id   INTEGER PRIMARY KEY NOT NULL,
    name           TEXT    NOT NULL,
    corporation_id INTEGER NOT NULL,
    owner_hash     TEXT    NOT NULL,
    -- Granted ESI scopes, space-separated as SSO grants them.
    scopes         TEXT    NOT NULL DEFAULT '',
    auth_state     TEXT    NOT NULL DEFAULT 'ok'
                   CHECK (auth_state IN ('ok', 'reauth_required')),
    -- Unix epoch milliseconds.
    added_at       INTEGER NOT NULL
) STRICT;

-- Settings the core acts on (DESIGN.md §8), one JSON value per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Facts about this database file itself (which app version created and last opened it).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
