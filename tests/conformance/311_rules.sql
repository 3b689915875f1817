-- CREATE RULE: a statement on a table with rules is rewritten. For ON DELETE and ON UPDATE the
-- rule's actions run before the original statement; for ON INSERT after it. Each is its own
-- query, so its foreign-key checks fire when it ends.
CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, pid int REFERENCES parent);
CREATE TABLE audit (op text, id int, note text);
INSERT INTO parent VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO child VALUES (10, 1), (11, 1), (20, 2);
DELETE FROM parent WHERE id = 1;
-- a rule deleting the children first lets the parent go (PostgreSQL bug #14219's shape)
CREATE RULE parent_del AS ON DELETE TO parent DO DELETE FROM child WHERE child.pid = old.id;
DELETE FROM parent WHERE id = 1;
SELECT * FROM child ORDER BY id;
-- ALSO on INSERT: the original first, so the action's child row finds its new parent
CREATE RULE parent_ins AS ON INSERT TO parent
  DO ALSO INSERT INTO child VALUES (new.id * 10, new.id);
INSERT INTO parent VALUES (4, 'four'), (5, 'five');
SELECT * FROM child ORDER BY id;
-- ON UPDATE actions run before the original: children moved to a key that does not exist
-- yet fail their check at the end of the action
CREATE RULE parent_upd AS ON UPDATE TO parent WHERE old.id <> new.id
  DO ALSO UPDATE child SET pid = new.id WHERE pid = old.id;
UPDATE parent SET id = 6 WHERE id = 5;
UPDATE parent SET name = upper(name) WHERE id >= 4;
SELECT * FROM parent ORDER BY id;
-- INSTEAD NOTHING with a condition: those rows vanish, the others are checked as usual
CREATE RULE no_far_keys AS ON INSERT TO child WHERE new.pid > 100 DO INSTEAD NOTHING;
INSERT INTO child VALUES (30, 3), (31, 999), (32, NULL);
INSERT INTO child VALUES (33, 3), (34, 99);
SELECT * FROM child ORDER BY id;
-- INSTEAD with several commands: the row goes to the audit table, the table is untouched
CREATE RULE child_del AS ON DELETE TO child DO INSTEAD (
  INSERT INTO audit VALUES ('delete', old.id, 'kept');
  INSERT INTO audit (op, id) VALUES ('pid', old.pid)
);
DELETE FROM child WHERE pid = 4;
SELECT * FROM child ORDER BY id;
SELECT * FROM audit ORDER BY op, id;
-- RETURNING through an INSTEAD rule needs a RETURNING in the rule
DELETE FROM child WHERE id = 30 RETURNING *;
-- an action that breaks a key fails the whole statement
CREATE RULE audit_ins AS ON INSERT TO audit WHERE new.op = 'bad'
  DO ALSO INSERT INTO child VALUES (new.id, new.id);
INSERT INTO audit VALUES ('bad', 77, 'no parent 77');
SELECT count(*) FROM audit;
\d parent
\d child
SELECT tablename, rulename, definition FROM pg_rules WHERE schemaname = 'public'
  ORDER BY tablename, rulename;
-- a view made writable by a rule; the base table's key is checked
CREATE VIEW child_v AS SELECT id, pid FROM child;
CREATE RULE child_v_ins AS ON INSERT TO child_v DO INSTEAD INSERT INTO child VALUES (new.id, new.pid);
INSERT INTO child_v VALUES (40, 4);
INSERT INTO child_v VALUES (41, 12345);
SELECT * FROM child WHERE id >= 40;
-- errors
CREATE RULE parent_del AS ON DELETE TO parent DO NOTHING;
CREATE RULE r AS ON DELETE TO nowhere DO NOTHING;
CREATE RULE r AS ON INSERT TO parent WHERE old.id = 1 DO NOTHING;
CREATE RULE r AS ON INSERT TO parent DO INSERT INTO audit VALUES (new.no_such_column);
DROP RULE nope ON parent;
DROP RULE IF EXISTS nope ON parent;
-- OR REPLACE, DROP RULE, and a rollback taking a rule back
CREATE OR REPLACE RULE parent_del AS ON DELETE TO parent DO INSTEAD NOTHING;
DELETE FROM parent;
SELECT count(*) FROM parent;
BEGIN;
DROP RULE parent_del ON parent;
DELETE FROM parent WHERE id = 3;
ROLLBACK;
DROP RULE parent_del ON parent;
DROP RULE parent_ins ON parent;
DROP RULE parent_upd ON parent;
\d parent
DELETE FROM parent WHERE id = 3;
