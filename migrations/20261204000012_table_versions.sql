-- What the views read (the roster, the accounts, the names, each slice's boards) is kept
-- in memory by the core; these counters say whether it is still what is stored. Every
-- change bumps its counter here, whoever makes it (a command, a sync run, a trigger's
-- cascade, another process on the same file), so one small read tells a view whether it
-- may answer from memory. A slice's counter is added on its first board, by a plain
-- INSERT guarded by NOT EXISTS: an INSERT OR IGNORE in a trigger takes the outer
-- statement's conflict policy, and an upsert's is to abort.
CREATE TABLE table_versions (
    name    TEXT PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO table_versions (name) VALUES ('characters'), ('accounts'), ('names');

CREATE TRIGGER characters_version_insert AFTER INSERT ON characters BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'characters';
END;
CREATE TRIGGER characters_version_update AFTER UPDATE ON characters BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'characters';
END;
CREATE TRIGGER characters_version_delete AFTER DELETE ON characters BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'characters';
END;

CREATE TRIGGER accounts_version_insert AFTER INSERT ON accounts BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'accounts';
END;
CREATE TRIGGER accounts_version_update AFTER UPDATE ON accounts BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'accounts';
END;
CREATE TRIGGER accounts_version_delete AFTER DELETE ON accounts BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'accounts';
END;

CREATE TRIGGER names_version_insert AFTER INSERT ON names BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'names';
END;
CREATE TRIGGER names_version_update AFTER UPDATE ON names BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'names';
END;
CREATE TRIGGER names_version_delete AFTER DELETE ON names BEGIN
    UPDATE table_versions SET version = version + 1 WHERE name = 'names';
END;

-- A board's counter is its slice's: 'boards:' || slice.
CREATE TRIGGER boards_version_insert AFTER INSERT ON boards BEGIN
    INSERT INTO table_versions (name)
        SELECT 'boards:' || NEW.slice WHERE NOT EXISTS (SELECT 1 FROM table_versions WHERE name = 'boards:' || NEW.slice);
    UPDATE table_versions SET version = version + 1 WHERE name = 'boards:' || NEW.slice;
END;
CREATE TRIGGER boards_version_update AFTER UPDATE ON boards BEGIN
    INSERT INTO table_versions (name)
        SELECT 'boards:' || NEW.slice WHERE NOT EXISTS (SELECT 1 FROM table_versions WHERE name = 'boards:' || NEW.slice);
    UPDATE table_versions SET version = version + 1 WHERE name = 'boards:' || NEW.slice;
END;
CREATE TRIGGER boards_version_delete AFTER DELETE ON boards BEGIN
    INSERT INTO table_versions (name)
        SELECT 'boards:' || OLD.slice WHERE NOT EXISTS (SELECT 1 FROM table_versions WHERE name = 'boards:' || OLD.slice);
    UPDATE table_versions SET version = version + 1 WHERE name = 'boards:' || OLD.slice;
END;
