-- Names of EVE ids (corporations, types), from POST /universe/names. A regenerable
-- projection of ESI, kept forever: ids do not change names often enough to matter.
CREATE TABLE names (
    id       INTEGER PRIMARY KEY NOT NULL,
    name     TEXT    NOT NULL,
    category TEXT    NOT NULL
) STRICT;
