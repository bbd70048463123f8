-- Accounts (docs/design.md §10): ESI has no account id, so the player groups their
-- characters themselves. Durable truth, like the characters. A character in no account is
-- its own.
CREATE TABLE accounts (
    account_id INTEGER PRIMARY KEY NOT NULL,
    name       TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    -- Unix epoch milliseconds.
    added_at   INTEGER NOT NULL
) STRICT;

ALTER TABLE characters ADD COLUMN account_id INTEGER
    REFERENCES accounts (account_id) ON DELETE SET NULL;

-- The extractor ledger (docs/design.md §7): which extraction cycles have been warned
-- about and announced as stopped. A cycle is an extractor's expiry: a program restarted
-- in game is a new cycle and may ring again.
CREATE TABLE notified_extractors (
    character_id INTEGER NOT NULL
                 REFERENCES characters (character_id) ON DELETE CASCADE,
    planet_id    INTEGER NOT NULL,
    pin_id       INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('warning', 'stopped')),
    expiry_at    INTEGER NOT NULL,
    -- NULL when passed over silently (its notifications were off).
    notified_at  INTEGER,
    PRIMARY KEY (character_id, planet_id, pin_id, kind)
) STRICT;
