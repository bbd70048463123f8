-- The market orders ledger (docs/design.md §7): each order's warning before it expires
-- and its "filled" word, announced once each, or passed over silently while the
-- notification was off. The latest `notified_at` of a character and kind spaces its
-- notices an hour apart.
CREATE TABLE notified_orders (
    character_id INTEGER NOT NULL
                 REFERENCES characters (character_id) ON DELETE CASCADE,
    order_id     INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('expiring', 'filled')),
    -- Unix epoch milliseconds; NULL when passed over silently.
    notified_at  INTEGER,
    PRIMARY KEY (order_id, kind)
) STRICT;

CREATE INDEX notified_orders_by_character ON notified_orders (character_id, kind);
