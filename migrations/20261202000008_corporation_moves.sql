-- A linked character moved to another corporation (ESI's affiliation said so): its roles
-- board was the old corporation's, and the old corporation's boards go once no linked
-- character is left in it, as on unlink.
CREATE TRIGGER characters_move_boards AFTER UPDATE OF corporation_id ON characters
WHEN OLD.corporation_id <> NEW.corporation_id
BEGIN
    DELETE FROM boards
     WHERE owner_kind = 'character' AND owner_id = OLD.character_id AND slice = 'roles';
    DELETE FROM boards
     WHERE owner_kind = 'corporation' AND owner_id = OLD.corporation_id
       AND NOT EXISTS (SELECT 1 FROM characters WHERE corporation_id = OLD.corporation_id);
END;
