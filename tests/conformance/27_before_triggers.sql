-- BEFORE triggers change or skip rows before any constraint sees them.
CREATE TABLE parents (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE kids (id int PRIMARY KEY, parent_code text REFERENCES parents (code) ON UPDATE CASCADE, note text);
INSERT INTO parents VALUES (1, 'A'), (2, 'B');
-- normalise the key before the foreign-key check looks at it
CREATE FUNCTION upper_code() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.parent_code := upper(NEW.parent_code);
  RETURN NEW;
END;
$$;
CREATE TRIGGER upper_code BEFORE INSERT OR UPDATE OF parent_code ON kids FOR EACH ROW EXECUTE FUNCTION upper_code();
INSERT INTO kids VALUES (10, 'a', 'lower case fixed');
INSERT INTO kids VALUES (11, 'c', 'no such parent');
-- skip rows: a BEFORE trigger that returns NULL
CREATE FUNCTION skip_drafts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.note LIKE 'draft%' THEN
    RAISE NOTICE 'skipping kid %', NEW.id;
    RETURN NULL;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER skip_drafts BEFORE INSERT ON kids FOR EACH ROW EXECUTE FUNCTION skip_drafts();
INSERT INTO kids VALUES (12, 'b', 'draft one'), (13, 'b', 'final');
SELECT * FROM kids ORDER BY id;
-- a cascaded update goes through the child's BEFORE trigger too
UPDATE parents SET code = 'bb' WHERE id = 2;
SELECT * FROM kids ORDER BY id;
-- WHEN decides whether the trigger fires at all
CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'kid % changed note from % to %', NEW.id, OLD.note, NEW.note;
  RETURN NEW;
END;
$$;
CREATE TRIGGER shout AFTER UPDATE ON kids FOR EACH ROW WHEN (OLD.note IS DISTINCT FROM NEW.note) EXECUTE FUNCTION shout();
UPDATE kids SET note = 'renamed' WHERE id = 10;
UPDATE kids SET note = 'renamed' WHERE id = 10;
-- deleting a parent still referenced: the BEFORE DELETE trigger on kids never runs
CREATE FUNCTION no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'delete of kid %', OLD.id;
  RETURN OLD;
END;
$$;
CREATE TRIGGER no_delete BEFORE DELETE ON kids FOR EACH ROW EXECUTE FUNCTION no_delete();
DELETE FROM parents WHERE id = 1;
DELETE FROM kids WHERE id = 10;
SELECT * FROM kids ORDER BY id;
