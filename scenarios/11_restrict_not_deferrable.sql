-- # RESTRICT is never deferred
--
-- A deferrable constraint lets NO ACTION checks wait for COMMIT. RESTRICT is checked at the end
-- of the statement even then: deleting a referenced parent fails at once.
CREATE TABLE parents (id int PRIMARY KEY);
CREATE TABLE kids_no_action (id int PRIMARY KEY, parent_id int REFERENCES parents DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE kids_restrict (id int PRIMARY KEY, parent_id int REFERENCES parents ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED);
INSERT INTO parents VALUES (1), (2);
INSERT INTO kids_no_action VALUES (1, 1);
INSERT INTO kids_restrict VALUES (1, 2);

BEGIN;
DELETE FROM parents WHERE id = 1;   -- expect: ok
INSERT INTO parents VALUES (1);     -- expect: ok
COMMIT;                             -- expect: ok

BEGIN;
DELETE FROM parents WHERE id = 2;   -- expect: error 23503 kids_restrict_parent_id_fkey
ROLLBACK;

-- SET CONSTRAINTS switches deferrable constraints between the two timings
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO kids_no_action VALUES (2, 99);   -- expect: error 23503 kids_no_action_parent_id_fkey
ROLLBACK;
