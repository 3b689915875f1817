-- CREATE CONSTRAINT TRIGGER: a user AFTER ... FOR EACH ROW trigger that is a constraint.
-- Deferred, its calls wait on the same queue as the deferred foreign-key checks and fire with
-- them at COMMIT, in the order they were queued (within a row: trigger-name order, so the
-- RI_ConstraintTrigger_c_... check comes before lower-case names).
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY,
                    pid int REFERENCES parent ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED);
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% on %: % old=% new=%', TG_NAME, TG_TABLE_NAME, TG_OP, OLD, NEW;
  RETURN NULL;
END $$;
CREATE FUNCTION no_orphans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM parent WHERE id = NEW.pid) THEN
    RAISE EXCEPTION 'child % has no parent %', NEW.id, NEW.pid;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER zz_audit AFTER INSERT OR UPDATE ON child
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit();
CREATE CONSTRAINT TRIGGER aa_audit AFTER INSERT ON child
  INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit();
CREATE CONSTRAINT TRIGGER gone AFTER DELETE ON child
  FOR EACH ROW EXECUTE FUNCTION audit();
CREATE CONSTRAINT TRIGGER orphan_check AFTER INSERT ON child
  DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION no_orphans();
-- what PostgreSQL's grammar refuses
CREATE CONSTRAINT TRIGGER bad BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION audit();
CREATE CONSTRAINT TRIGGER bad AFTER INSERT ON child FOR EACH STATEMENT EXECUTE FUNCTION audit();
CREATE CONSTRAINT TRIGGER bad AFTER INSERT ON child EXECUTE FUNCTION audit();
CREATE CONSTRAINT TRIGGER bad AFTER INSERT ON child NOT DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit();
CREATE CONSTRAINT TRIGGER gone AFTER INSERT ON child FOR EACH ROW EXECUTE FUNCTION audit();
\d child
SELECT tgname, tgconstraint <> 0 AS has_constraint, tgdeferrable, tginitdeferred, tgisinternal
  FROM pg_trigger WHERE tgrelid = 'child'::regclass AND NOT tgisinternal ORDER BY tgname;
SELECT conname, contype, condeferrable, condeferred
  FROM pg_constraint WHERE conrelid = 'child'::regclass ORDER BY conname;
INSERT INTO parent VALUES (1), (2);
-- at COMMIT: row 1's check, aa_audit, orphan_check, zz_audit; then row 2's check fails
BEGIN;
SET CONSTRAINTS orphan_check DEFERRED;
INSERT INTO child VALUES (1, 1), (2, 3);
SELECT 'nothing fired yet';
COMMIT;
SELECT * FROM child;
-- the immediate constraint trigger stops an orphan at the end of its statement
INSERT INTO child VALUES (5, 9);
-- deferred, the same check sees the parent inserted later in the transaction
BEGIN;
SET CONSTRAINTS orphan_check DEFERRED;
INSERT INTO child VALUES (5, 9);
INSERT INTO parent VALUES (9);
COMMIT;
-- SET CONSTRAINTS by name and ALL fire what is pending
BEGIN;
INSERT INTO child VALUES (3, 1);
UPDATE child SET pid = 2 WHERE id = 3;
SET CONSTRAINTS zz_audit IMMEDIATE;
SELECT 'after zz_audit';
SET CONSTRAINTS ALL IMMEDIATE;
SELECT 'after all';
INSERT INTO child VALUES (4, 2);
COMMIT;
-- a not deferrable constraint trigger cannot be deferred; a name is case-sensitive
BEGIN;
SET CONSTRAINTS gone DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS "AA_AUDIT" IMMEDIATE;
ROLLBACK;
-- a cascade's delete on the child fires the child's constraint trigger at once
DELETE FROM parent WHERE id = 2;
SELECT * FROM child;
-- a savepoint rolled back takes its pending calls with it
BEGIN;
INSERT INTO child VALUES (6, 1);
SAVEPOINT s;
INSERT INTO child VALUES (7, 1);
ROLLBACK TO s;
COMMIT;
-- a deferred constraint trigger raising at COMMIT rolls everything back
BEGIN;
SET CONSTRAINTS orphan_check DEFERRED;
INSERT INTO child VALUES (8, NULL);
INSERT INTO parent VALUES (10);
COMMIT;
SELECT * FROM parent ORDER BY id;
DROP TRIGGER zz_audit ON child;
\d child
SELECT conname FROM pg_constraint WHERE contype = 't' ORDER BY conname;
