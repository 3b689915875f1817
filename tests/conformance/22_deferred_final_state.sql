-- A deferred NO ACTION check looks at the final state at COMMIT.
CREATE TABLE parents (id int PRIMARY KEY);
CREATE TABLE kids (id int PRIMARY KEY, parent_id int REFERENCES parents DEFERRABLE INITIALLY DEFERRED);
INSERT INTO parents VALUES (1), (2);
INSERT INTO kids VALUES (10, 1), (20, 2);
-- the parent goes away and comes back inside one transaction: COMMIT passes
BEGIN;
DELETE FROM parents WHERE id = 1;
INSERT INTO parents VALUES (1);
COMMIT;
SELECT * FROM kids ORDER BY id;
-- the parent goes away for good: COMMIT fails and rolls everything back
BEGIN;
INSERT INTO parents VALUES (3);
DELETE FROM parents WHERE id = 2;
COMMIT;
SELECT * FROM parents ORDER BY id;
-- SET CONSTRAINTS ... IMMEDIATE checks what is pending at once
BEGIN;
INSERT INTO kids VALUES (30, 99);
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK;
-- the child is fixed before COMMIT
BEGIN;
INSERT INTO kids VALUES (30, 99);
UPDATE kids SET parent_id = 3 WHERE id = 30;
INSERT INTO parents VALUES (3);
COMMIT;
SELECT * FROM kids ORDER BY id;
-- START TRANSACTION and END are BEGIN and COMMIT
START TRANSACTION;
DELETE FROM kids WHERE id = 30;
END;
SELECT count(*) FROM kids;
-- RESTRICT is never deferred, even when the constraint is
CREATE TABLE r_parent (id int PRIMARY KEY);
CREATE TABLE r_child (id int PRIMARY KEY, p int REFERENCES r_parent ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED);
INSERT INTO r_parent VALUES (1);
INSERT INTO r_child VALUES (1, 1);
BEGIN;
DELETE FROM r_parent WHERE id = 1;
ROLLBACK;
