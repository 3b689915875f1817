-- Transition tables: AFTER triggers that read every row a statement changed as a table. The
-- statements a foreign key's actions run fill the child's tables: a cascade's DELETE and SET
-- NULL's UPDATE, over all the parents the statement touched, read by one statement trigger.
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY,
                    pid int REFERENCES parent ON DELETE CASCADE ON UPDATE SET NULL);
CREATE TABLE summary (event text, n int, ids text);
CREATE FUNCTION summarize() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO summary SELECT TG_OP, count(*), string_agg(id::text, ',' ORDER BY id) FROM gone;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO summary SELECT TG_OP, count(*), string_agg(id::text, ',' ORDER BY id) FROM added;
  ELSE
    INSERT INTO summary
      SELECT TG_OP, count(*), string_agg(b.id || ':' || coalesce(b.pid::text, 'null') || '->'
                                         || coalesce(a.pid::text, 'null'), ',' ORDER BY a.id)
        FROM before_rows b JOIN after_rows a ON a.id = b.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER child_ins AFTER INSERT ON child REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION summarize();
CREATE TRIGGER child_upd AFTER UPDATE ON child
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION summarize();
CREATE TRIGGER child_del AFTER DELETE ON child REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION summarize();
INSERT INTO parent VALUES (1), (2), (3), (4);
INSERT INTO child VALUES (10, 1), (11, 1), (20, 2), (30, 3), (31, 3), (40, 4);
-- one DELETE of two parents cascades twice; the child's trigger fires once with all rows
DELETE FROM parent WHERE id IN (1, 2);
-- SET NULL's UPDATE fills the update tables
UPDATE parent SET id = 5 WHERE id = 3;
-- a statement that changes nothing still fires, with empty tables
DELETE FROM child WHERE id > 1000;
-- an orphan: the statement fails and the trigger's row goes with it
INSERT INTO child VALUES (50, 5), (51, 99);
SELECT * FROM summary;
SELECT * FROM child ORDER BY id;
-- a row trigger sees the whole statement's table too
CREATE FUNCTION count_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'row % of %', NEW.id, (SELECT count(*) FROM added);
  RETURN NULL;
END $$;
CREATE TRIGGER child_ins_row AFTER INSERT ON child REFERENCING NEW TABLE AS added
  FOR EACH ROW EXECUTE FUNCTION count_new();
INSERT INTO parent VALUES (6);
INSERT INTO child VALUES (60, 6), (61, 6);
\d child
SELECT tgname, tgoldtable, tgnewtable FROM pg_trigger
  WHERE tgrelid = 'child'::regclass AND NOT tgisinternal ORDER BY tgname;
-- what PostgreSQL refuses
CREATE TRIGGER t BEFORE INSERT ON child REFERENCING NEW TABLE AS n
  FOR EACH ROW EXECUTE FUNCTION count_new();
CREATE TRIGGER t AFTER INSERT ON child REFERENCING OLD TABLE AS o
  FOR EACH ROW EXECUTE FUNCTION count_new();
CREATE TRIGGER t AFTER DELETE ON child REFERENCING NEW TABLE AS n
  FOR EACH ROW EXECUTE FUNCTION count_new();
CREATE TRIGGER t AFTER INSERT OR UPDATE ON child REFERENCING NEW TABLE AS n
  FOR EACH ROW EXECUTE FUNCTION count_new();
CREATE TRIGGER t AFTER UPDATE OF pid ON child REFERENCING NEW TABLE AS n
  FOR EACH ROW EXECUTE FUNCTION count_new();
CREATE TRIGGER t AFTER UPDATE ON child REFERENCING OLD TABLE AS o OLD TABLE AS o2
  FOR EACH ROW EXECUTE FUNCTION count_new();
CREATE TRIGGER t AFTER UPDATE ON child REFERENCING OLD TABLE AS o NEW TABLE AS o
  FOR EACH ROW EXECUTE FUNCTION count_new();
CREATE CONSTRAINT TRIGGER t AFTER UPDATE ON child REFERENCING OLD TABLE AS o
  FOR EACH ROW EXECUTE FUNCTION count_new();
