-- A contract's items (a cache: ESI never changes them), read only when the player opens
-- the contract. Kept as the core's canonical JSON; gone with the character.
CREATE TABLE contract_items (
    contract_id  INTEGER PRIMARY KEY,
    character_id INTEGER NOT NULL
                 REFERENCES characters (character_id) ON DELETE CASCADE,
    items        TEXT    NOT NULL CHECK (json_valid(items)),
    -- Unix epoch milliseconds.
    read_at      INTEGER NOT NULL
) STRICT;
