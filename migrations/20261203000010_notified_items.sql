-- The items ledger (docs/design.md §7): news about single items a board holds — a market
-- order expiring soon or filled, a contract accepted, expiring or due — announced once
-- per kind and item, or passed over silently while its notification was off. The latest
-- `notified_at` of a character and kind spaces its notices an hour apart.
CREATE TABLE notified_items (
    character_id INTEGER NOT NULL
                 REFERENCES characters (character_id) ON DELETE CASCADE,
    -- `order_expiring`, `order_filled`, `contract_expiring`, ...
    kind         TEXT    NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
    item_id      INTEGER NOT NULL,
    -- Unix epoch milliseconds; NULL when passed over silently.
    notified_at  INTEGER,
    PRIMARY KEY (kind, item_id)
) STRICT;

CREATE INDEX notified_items_by_character ON notified_items (character_id, kind);
