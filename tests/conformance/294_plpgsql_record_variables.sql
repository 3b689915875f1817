-- PL/pgSQL record variables as whole values (RAISE, a table's row type as a variable type),
-- in a trigger that reports the parent row a child insert finds or misses.
CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent ON DELETE CASCADE);
INSERT INTO parent VALUES (1, 'one'), (2, NULL);
CREATE FUNCTION report_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p parent;
  r record;
BEGIN
  SELECT * INTO p FROM parent WHERE id = NEW.parent_id;
  RAISE NOTICE 'parent of %: %', NEW.id, p;
  FOR r IN SELECT * FROM parent ORDER BY id LOOP
    RAISE NOTICE 'row %', r;
  END LOOP;
  RETURN NEW;
END $$;
CREATE TRIGGER child_report BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION report_parent();
INSERT INTO child VALUES (10, 1);
INSERT INTO child VALUES (11, 3);
DO $$ DECLARE r record; BEGIN RAISE NOTICE '%', r; END $$;
DO $$ DECLARE r public.parent; BEGIN SELECT * INTO r FROM parent WHERE id = 2; RAISE NOTICE '% / %', r, r.name; END $$;
DELETE FROM parent WHERE id = 1;
SELECT * FROM child;
